namespace Quoalise.Protocol.Stream;

/// <summary>
/// How to reach the XMPP server and who we are on it (XEP-0114). The host binds these from the
/// <c>Xmpp</c> configuration section and validates them at start. Immutable.
/// </summary>
public sealed record ComponentConnectionOptions
{
    /// <summary>The server's component listener, e.g. 127.0.0.1 (Prosody listens on loopback by default).</summary>
    public required string Host { get; init; }

    /// <summary>5347 by convention.</summary>
    public int Port { get; init; } = 5347;

    /// <summary>Our component domain, e.g. <c>quoalise.example.org</c>, as configured on the server.</summary>
    public required string Domain { get; init; }

    /// <summary>The shared secret configured on the server for <see cref="Domain"/>.</summary>
    public required string Secret { get; init; }

    /// <summary>The server's own domain, pinged to prove the link is alive, e.g. <c>example.org</c>.</summary>
    public required string ServerDomain { get; init; }

    /// <summary>TLS from the first byte (ejabberd <c>tls: true</c>); Prosody's component port is plaintext.</summary>
    public bool UseTls { get; init; }

    /// <summary>
    /// With <see cref="UseTls"/>: a PEM file of the certificate authorities (or the self-signed certificate) to trust
    /// for the server's certificate, instead of the system trust store. Read at each connection.
    /// </summary>
    public string? TlsCertificateAuthority { get; init; }

    /// <summary>
    /// Incoming stanzas above this are skipped and their sender answered with an error. 512 KiB is the
    /// largest stanza a Prosody peer routes over s2s.
    /// </summary>
    public int MaxIncomingStanzaBytes { get; init; } = 512 * 1024;

    /// <summary>Elements nested deeper than this are skipped, as oversized stanzas are.</summary>
    public int MaxStanzaDepth { get; init; } = 32;

    /// <summary>We never send more: Prosody drops the whole link above 512 KiB. Large results are paged.</summary>
    public int MaxOutgoingStanzaBytes { get; init; } = 256 * 1024;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>From TCP connect to the server's <c>&lt;handshake/&gt;</c>.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the server is pinged (XEP-0199).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A ping unanswered for this long means the link is dead.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>First delay of the jittered exponential reconnect backoff.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the reconnect backoff.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// First delay after not-authorized or host-unknown, doubling to five times this: retrying a wrong
    /// secret every second would only flood the server's log.
    /// </summary>
    public TimeSpan ConfigurationErrorDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A link online this long resets the backoff; shorter sessions keep backing off (flapping).</summary>
    public TimeSpan StableLinkDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a stanza that is not a reply waits for the link to come back before failing.</summary>
    public TimeSpan OutboundWaitTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
