using System.Buffers;

namespace Quoalise.Protocol.Quoalise;

/// <summary>Lexical rules of RFC 8428 that both codecs and both directions apply. Stateless and thread-safe.</summary>
internal static class SenMLSyntax
{
    /// <summary>Longest piece of input quoted in an error message.</summary>
    public const int MaxQuotedLength = 64;

    /// <summary>RFC 8428 §4.5.1 in words, for error messages.</summary>
    public const string NameRule = "must be ASCII letters, digits and -:./_ and start with a letter or digit (RFC 8428 §4.5.1)";

    // RFC 8428 §4.5.1.
    private static readonly SearchValues<char> NameStart =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    private static readonly SearchValues<char> NameRest =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-:./_");

    // RFC 4648 §5, the alphabet of vd (RFC 8428 §4.3 note: padding omitted).
    private static readonly SearchValues<char> Base64Url =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>The characters after which the writer may cut a base name (<c>urn:dev:prm:…_</c>, <c>…/</c>).</summary>
    public static readonly SearchValues<char> BaseNameSeparators = SearchValues.Create(":/_");

    /// <summary>RFC 8428 §4.5.1: a resolved name is ASCII letters, digits and <c>-:./_</c>, starting with a letter or digit.</summary>
    public static bool IsValidName(ReadOnlySpan<char> name) =>
        name.Length > 0 && NameStart.Contains(name[0]) && name[1..].IndexOfAnyExcept(NameRest) < 0;

    /// <summary>Unpadded base64url: the alphabet only, and never one character short of a byte.</summary>
    public static bool IsBase64Url(ReadOnlySpan<char> data) =>
        data.Length % 4 != 1 && data.IndexOfAnyExcept(Base64Url) < 0;

    /// <summary>Input as quoted in an error message: never more than <see cref="MaxQuotedLength"/> characters.</summary>
    public static string Quote(ReadOnlySpan<char> value) => $"'{Shorten(value)}'";

    /// <summary>At most <see cref="MaxQuotedLength"/> characters of <paramref name="value"/>, with an ellipsis when cut.</summary>
    public static string Shorten(ReadOnlySpan<char> value) =>
        value.Length <= MaxQuotedLength ? value.ToString() : $"{value[..MaxQuotedLength]}…";
}
