namespace Quoalise.Component.Storage;

/// <summary>
/// Times as stored: microseconds since 1970-01-01T00:00:00Z in a BIGINT, exact and the same on every
/// engine. Sub-microsecond ticks are dropped, so readings stamped on reception stay distinct
/// (research/mqtt-notes.md: second resolution collapses readings of the same second).
/// </summary>
internal static class UnixMicroseconds
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static long From(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;

    public static DateTimeOffset ToTime(long microseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(microseconds * TicksPerMicrosecond);
}
