namespace Quoalise.Component.Access;

/// <summary>A token bucket: refill per minute and the burst allowed at once.</summary>
public sealed class RateLimitSettings
{
    public int PermitsPerMinute { get; set; }

    public int Burst { get; set; }
}
