using System.Collections.Concurrent;

namespace Quoalise.Protocol.Routing;

/// <summary>
/// Token buckets keyed by bare JID. Idle buckets that are full again are swept, so memory stays
/// bounded by the number of recently active requesters. Thread-safe.
/// </summary>
public sealed class PerJidRateLimiter
{
    private const int SweepThreshold = 10_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly RateLimitOptions _options;
    private readonly TimeProvider _time;

    public PerJidRateLimiter(RateLimitOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public RateDecision Check(string bareJid)
    {
        var now = _time.GetUtcNow();
        if (_buckets.Count > SweepThreshold)
        {
            Sweep(now);
        }

        var bucket = _buckets.GetOrAdd(bareJid, _ => new Bucket(_options.Burst, now));
        lock (bucket)
        {
            bucket.Refill(now, _options);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                bucket.Refusals = 0;
                return RateDecision.Allowed;
            }

            bucket.Refusals++;
            return bucket.Refusals > RateLimitOptions.RefusalsBeforeSilence ? RateDecision.Silenced : RateDecision.Refused;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (jid, bucket) in _buckets)
        {
            lock (bucket)
            {
                bucket.Refill(now, _options);
                if (bucket.Tokens >= _options.Burst)
                {
                    _buckets.TryRemove(jid, out _);
                }
            }
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset updated)
    {
        public double Tokens { get; set; } = tokens;

        public int Refusals { get; set; }

        private DateTimeOffset Updated { get; set; } = updated;

        public void Refill(DateTimeOffset now, RateLimitOptions options)
        {
            var elapsed = (now - Updated).TotalMinutes;
            if (elapsed > 0)
            {
                Tokens = Math.Min(options.Burst, Tokens + (elapsed * options.PermitsPerMinute));
                Updated = now;
            }
        }
    }
}
