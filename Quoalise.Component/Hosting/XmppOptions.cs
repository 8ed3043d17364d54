using Quoalise.Protocol.Stream;

namespace Quoalise.Component.Hosting;

/// <summary>
/// The <c>Xmpp</c> configuration section: where the XMPP server's component port is and who we are on
/// it. Bound once at start and validated by <see cref="XmppOptionsValidator"/>.
/// </summary>
public sealed class XmppOptions
{
    public const string Section = "Xmpp";

    /// <summary>Host of the server's component listener (Prosody: <c>component_ports</c>, loopback by default).</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 5347;

    /// <summary>Our component domain, e.g. <c>quoalise.example.org</c>: a <c>Component</c> entry on the server.</summary>
    public string Domain { get; set; } = string.Empty;

    /// <summary>The server's <c>component_secret</c> for <see cref="Domain"/>. Keep it out of files: use <c>Xmpp__Secret</c>.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>The server's own domain, pinged as keepalive; by default <see cref="Domain"/> without its first label.</summary>
    public string? ServerDomain { get; set; }

    /// <summary>TLS from the first byte, for ejabberd's <c>tls: true</c> listeners.</summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// With <see cref="UseTls"/>: a PEM file of the certificate authorities (or the server's self-signed certificate)
    /// that may vouch for the server's certificate, instead of the system trust store. Unset: the system trust store.
    /// </summary>
    public string? TlsCertificateAuthority { get; set; }

    /// <summary>Shown in disco and in Gajim's service browser.</summary>
    public string Name { get; set; } = "Quoalise";

    public int MaxIncomingStanzaBytes { get; set; } = 512 * 1024;

    public int MaxStanzaDepth { get; set; } = 32;

    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First retry delay after the server refused our domain or secret.</summary>
    public TimeSpan ConfigurationErrorDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The server domain to ping: set explicitly, or derived from <see cref="Domain"/>.</summary>
    public string EffectiveServerDomain =>
        !string.IsNullOrWhiteSpace(ServerDomain) ? ServerDomain
        : Domain.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? Domain[(dot + 1)..]
        : string.Empty;

    public ComponentConnectionOptions ToConnectionOptions() => new()
    {
        Host = Host,
        Port = Port,
        Domain = Domain,
        Secret = Secret,
        ServerDomain = EffectiveServerDomain,
        UseTls = UseTls,
        TlsCertificateAuthority = string.IsNullOrWhiteSpace(TlsCertificateAuthority) ? null : TlsCertificateAuthority,
        MaxIncomingStanzaBytes = MaxIncomingStanzaBytes,
        MaxStanzaDepth = MaxStanzaDepth,
        KeepAliveInterval = KeepAliveInterval,
        KeepAliveTimeout = KeepAliveTimeout,
        ReconnectMaxDelay = ReconnectMaxDelay,
        ConfigurationErrorDelay = ConfigurationErrorDelay,
    };
}
