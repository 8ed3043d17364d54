namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary>Times as stored: microseconds since 1970-01-01 UTC in a BIGINT, identical on the three engines.</summary>
internal static class UnixMicroseconds
{
    public static long From(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset ToTime(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
