using System.Text.RegularExpressions;

namespace Quoalise.Component.Access;

/// <summary>A series identifier pattern where <c>*</c> matches any run of characters. Immutable.</summary>
public sealed class SeriesPattern
{
    private readonly Regex _regex;

    public SeriesPattern(string pattern)
    {
        _regex = new Regex("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    public static SeriesPattern All { get; } = new("*");

    public bool Matches(string identifier) => _regex.IsMatch(identifier);
}
