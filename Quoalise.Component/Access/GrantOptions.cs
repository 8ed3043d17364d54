namespace Quoalise.Component.Access;

/// <summary>One grant: a subject pattern, a role, and the series it covers.</summary>
public sealed class GrantOptions
{
    /// <summary><c>alice@example.org</c>, <c>*@example.org</c> (every account of a domain), <c>example.org</c> (the domain itself) or <c>*</c> (anyone).</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary><c>read</c>, <c>operate</c> or <c>admin</c>.</summary>
    public string Role { get; set; } = "read";

    /// <summary>Series identifier patterns with <c>*</c> wildcards; empty means every series.</summary>
    public List<string> Series { get; set; } = [];
}
