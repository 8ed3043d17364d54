namespace Quoalise.Component.Hosting;

/// <summary>The <c>Commands</c> configuration section: limits of interactive ad-hoc sessions.</summary>
public sealed class CommandOptions
{
    public const string Section = "Commands";

    /// <summary>An interactive session untouched this long ends (Gajim never cancels a closed window).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Open sessions per bare JID; the oldest is ended past it.</summary>
    public int MaxSessionsPerRequester { get; set; } = 5;

    /// <summary>Open sessions in all; new ones are refused with resource-constraint past it.</summary>
    public int MaxSessions { get; set; } = 10_000;
}
