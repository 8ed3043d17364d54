namespace Quoalise.Adapters.Mqtt.Options;

/// <summary><c>Mqtt:External</c>: the component as an MQTT 5 client of an operator's broker (Mosquitto).</summary>
internal sealed class ExternalBrokerOptions
{
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Defaults to 8883 with TLS, 1883 without.</summary>
    public int? Port { get; set; }

    /// <summary>Identifies the persistent session on the broker: keep it stable, unique per instance.</summary>
    public string ClientId { get; set; } = "quoalise";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool UseTls { get; set; }

    /// <summary>PEM file of the CA that signed the broker's certificate; without it the system store decides.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>PEM client certificate for mutual TLS; needs <see cref="ClientKey"/>.</summary>
    public string? ClientCertificate { get; set; }

    /// <summary>PEM private key of the client certificate, PKCS#1 or PKCS#8.</summary>
    public string? ClientKey { get; set; }

    /// <summary>How long the broker keeps the session (subscriptions and unacknowledged messages) while the component is away.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Messages the broker may send before the first is acknowledged (MQTT 5 receive maximum).</summary>
    public int ReceiveMaximum { get; set; } = 2000;

    /// <summary>First wait before reconnecting; doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// When set, subscribes as <c>$share/&lt;group&gt;/…</c>: instances with the same group split the stream
    /// (each with its own <see cref="ClientId"/>).
    /// </summary>
    public string? SharedSubscriptionGroup { get; set; }

    public int EffectivePort => Port ?? (UseTls ? 8883 : 1883);
}
