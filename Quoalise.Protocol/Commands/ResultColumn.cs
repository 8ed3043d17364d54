namespace Quoalise.Protocol.Commands;

/// <summary>One column: its field name and the header a person reads.</summary>
public sealed record ResultColumn(string Var, string Label);
