namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>
/// Stamps messages on reception, since readings carry no time: whole microseconds (storage's resolution),
/// strictly increasing in this process, so two messages of one bed never share an instant and overwrite
/// each other under storage's idempotency on (series, time). Thread-safe.
/// </summary>
internal sealed class ReceptionClock(TimeProvider time)
{
    private long _last;

    public DateTimeOffset Next()
    {
        var now = (time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        while (true)
        {
            var last = Volatile.Read(ref _last);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return DateTimeOffset.UnixEpoch.AddTicks(next * TimeSpan.TicksPerMicrosecond);
            }
        }
    }
}
