namespace Quoalise.Protocol.Commands;

/// <summary>Limits of interactive command sessions.</summary>
public sealed record AdHocSessionOptions
{
    /// <summary>Gajim never cancels a session whose window was closed: idle ones must expire (15 min, as Spectrum 2).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Open sessions per bare JID; the oldest is ended when a new one would exceed it.</summary>
    public int MaxPerRequester { get; init; } = 5;

    /// <summary>Open sessions in all; past it new sessions are refused with resource-constraint.</summary>
    public int MaxTotal { get; init; } = 10_000;

    /// <summary>How long an ended session's id keeps answering session-expired rather than bad-sessionid.</summary>
    public TimeSpan TombstoneLifetime { get; init; } = TimeSpan.FromHours(1);
}
