namespace Quoalise.Protocol.Stream;

/// <summary>
/// Exponential backoff with "equal jitter": each delay is half the current step plus a random share
/// of the other half, so peers restarted together spread out, yet no retry is ever immediate.
/// Not thread-safe: the link's loop owns it.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private readonly Func<double> _random;
    private int _attempt;

    public ReconnectBackoff(TimeSpan min, TimeSpan max, Func<double>? random = null)
    {
        _min = min;
        _max = max;
        _random = random ?? Random.Shared.NextDouble;
    }

    public int Attempt => _attempt;

    public TimeSpan Next()
    {
        var step = Math.Min(_max.TotalMilliseconds, _min.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt, 30)));
        _attempt++;
        return TimeSpan.FromMilliseconds((step / 2) + (_random() * step / 2));
    }

    public void Reset() => _attempt = 0;
}
