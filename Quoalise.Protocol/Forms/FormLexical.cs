using System.Globalization;

namespace Quoalise.Protocol.Forms;

/// <summary>
/// The XML Schema lexical forms that XEP-0122 datatypes name, parsed with the invariant culture.
/// Stateless and thread-safe.
/// </summary>
internal static class FormLexical
{
    // xs:dateTime with a mandatory offset: a naive time would be read in the server's zone, which the
    // requester cannot know (the quoalise client rejects naive times for the same reason).
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
    ];

    public static DateTimeOffset? ParseDateTime(string value) =>
        value.Length > 0 && (value.EndsWith('Z') || HasOffset(value))
        && DateTimeOffset.TryParseExact(value, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : null;

    public static DateOnly? ParseDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;

    public static long? ParseInteger(string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    public static decimal? ParseDecimal(string value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    public static double? ParseDouble(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) ? parsed : null;

    /// <summary>XEP-0004 §3.3 boolean: the four XML Schema lexical forms.</summary>
    public static bool? ParseBoolean(string value) => value switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        _ => null,
    };

    // An offset is '+hh:mm' or '-hh:mm' after the time: look after the 'T' so the date's dashes don't count.
    private static bool HasOffset(string value)
    {
        var t = value.IndexOf('T');
        return t > 0 && value.AsSpan(t).IndexOfAny('+', '-') > 0;
    }
}
