namespace Quoalise.Protocol.Commands;

/// <summary>A listing: column labels and rows of cell texts, each row listing every column in order.</summary>
public sealed record ResultTable(string Label, IReadOnlyList<ResultColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
