namespace Quoalise.Protocol.Routing;

/// <summary>A token bucket: <see cref="PermitsPerMinute"/> refill, up to <see cref="Burst"/> at once.</summary>
public sealed record RateLimitOptions(int PermitsPerMinute, int Burst)
{
    /// <summary>Requests refused in a row before we stop answering at all: never answer a flood with a flood.</summary>
    public const int RefusalsBeforeSilence = 10;
}
