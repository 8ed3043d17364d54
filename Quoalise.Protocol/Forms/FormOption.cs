namespace Quoalise.Protocol.Forms;

/// <summary>One choice of a list field: exactly one value and an optional label (XEP-0004 §3.3).</summary>
public sealed record FormOption(string Value, string? Label = null);
