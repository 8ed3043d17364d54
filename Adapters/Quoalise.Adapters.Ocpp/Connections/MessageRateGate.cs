namespace Quoalise.Adapters.Ocpp.Connections;

/// <summary>
/// A token bucket per connection: <c>burst</c> messages at once, then <c>rate</c> per second. A sender above
/// it is slowed down (the reader pauses and TCP pushes back), never answered with an error, so an offline
/// queue replayed in a burst is never lost. Not thread-safe: one connection's read loop uses it.
/// </summary>
internal sealed class MessageRateGate
{
    private readonly double _rate;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _updated;

    public MessageRateGate(double messagesPerSecond, int burst, TimeProvider time)
    {
        _rate = messagesPerSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _updated = time.GetTimestamp();
    }

    /// <returns>The wait imposed before the next message may be read; zero when within the rate.</returns>
    public TimeSpan Take()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_updated, now).TotalSeconds * _rate));
        _updated = now;
        _tokens -= 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _rate);
    }
}
