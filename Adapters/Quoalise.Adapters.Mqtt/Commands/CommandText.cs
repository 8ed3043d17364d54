using System.Globalization;

namespace Quoalise.Adapters.Mqtt.Commands;

/// <summary>How the MQTT commands write values in table cells: times in UTC ISO 8601 with milliseconds.</summary>
internal static class CommandText
{
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? time) => time is { } t ? Time(t) : "never";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
