namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>Times as stored: microseconds since 1970-01-01 UTC in a BIGINT, exact on every engine (as core does).</summary>
internal static class UnixMicros
{
    public static long From(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset ToTime(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    public static DateTimeOffset? ToTime(long? micros) => micros is { } m ? ToTime(m) : null;
}
