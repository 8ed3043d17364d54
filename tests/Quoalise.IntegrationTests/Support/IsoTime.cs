using System.Globalization;

namespace Quoalise.IntegrationTests.Support;

/// <summary>Times as charge points and form fields write them: UTC, milliseconds, a Z.</summary>
internal static class IsoTime
{
    public static string Of(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
