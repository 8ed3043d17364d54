using System.Security.Cryptography.X509Certificates;
using Quoalise.Adapters.Mqtt.Options;

namespace Quoalise.Adapters.Mqtt.Broker;

/// <summary>
/// The TLS material of <c>Mqtt:External</c>, read once from PEM files: the CA certificates the broker's certificate
/// must chain to, and the client certificate with its RSA or EC key in PKCS#1 (<c>BEGIN RSA PRIVATE KEY</c>, what the
/// greenhouse's <c>openssl genrsa -traditional</c> writes) or PKCS#8 (<c>BEGIN PRIVATE KEY</c>). Immutable.
/// </summary>
internal sealed class ClientTls : IDisposable
{
    private ClientTls(X509Certificate2Collection authorities, X509Certificate2? certificate)
    {
        Authorities = authorities;
        Certificate = certificate;
    }

    /// <summary>Empty: the system's trust store decides.</summary>
    public X509Certificate2Collection Authorities { get; }

    public X509Certificate2? Certificate { get; }

    public static ClientTls Load(ExternalBrokerOptions options)
    {
        var authorities = new X509Certificate2Collection();
        if (options.CaCertificate is { } ca)
        {
            authorities.ImportFromPemFile(ca);
            if (authorities.Count == 0)
            {
                throw new InvalidOperationException($"Mqtt:External:CaCertificate '{ca}' holds no PEM certificate.");
            }
        }

        X509Certificate2? certificate = null;
        if (options.ClientCertificate is { } certificatePath && options.ClientKey is { } keyPath)
        {
            // CreateFromPemFile reads both key formats; the PKCS#12 round trip gives SslStream a key it can
            // use on every platform (an ephemeral PEM key is refused by some).
            using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        }

        return new ClientTls(authorities, certificate);
    }

    public void Dispose()
    {
        Certificate?.Dispose();
        foreach (var authority in Authorities)
        {
            authority.Dispose();
        }
    }
}
