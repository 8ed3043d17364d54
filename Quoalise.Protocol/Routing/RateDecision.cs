namespace Quoalise.Protocol.Routing;

/// <summary>The verdict of <see cref="PerJidRateLimiter.Check"/>.</summary>
public enum RateDecision
{
    Allowed,

    /// <summary>Refuse with policy-violation (wait).</summary>
    Refused,

    /// <summary>Refused too often in a row: drop without an answer.</summary>
    Silenced,
}
