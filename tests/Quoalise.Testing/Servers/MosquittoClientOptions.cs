namespace Quoalise.Testing.Servers;

/// <summary>
/// How <c>mosquitto_pub</c>/<c>mosquitto_sub</c> connect to a <see cref="MosquittoServer"/>: credentials, TLS with a
/// client certificate, client id, and a Last Will. Immutable; the default is an anonymous plain connection.
/// </summary>
public sealed record MosquittoClientOptions
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Connect to the TLS listener, checking the server against the test CA.</summary>
    public bool UseTls { get; init; }

    /// <summary>The client certificate (PEM) presented in mutual TLS.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>Its private key (PEM, PKCS#1 or PKCS#8).</summary>
    public string? KeyPath { get; init; }

    public string? ClientId { get; init; }

    /// <summary>Keeps the session (and the QoS 1/2 messages queued for it) while disconnected; needs a <see cref="ClientId"/>.</summary>
    public bool PersistentSession { get; init; }

    /// <summary>Published by the broker if the client disappears without disconnecting (as a controller's power cut would).</summary>
    public string? WillTopic { get; init; }

    public string WillPayload { get; init; } = string.Empty;

    /// <summary>Mutual TLS with <paramref name="certificate"/>, its key read as PKCS#1 (what ESP32 uses) or PKCS#8.</summary>
    public static MosquittoClientOptions MutualTls(IssuedCertificate certificate, bool pkcs8Key = false) => new()
    {
        UseTls = true,
        CertificatePath = certificate.CertificatePath,
        KeyPath = pkcs8Key ? certificate.Pkcs8KeyPath : certificate.Pkcs1KeyPath,
    };
}
