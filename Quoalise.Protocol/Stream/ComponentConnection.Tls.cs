using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Quoalise.Protocol.Stream;

public sealed partial class ComponentConnection
{
    // RFC 5280 §4.2.1.12 id-kp-serverAuth: what SslStream asks of a server certificate when it builds the chain itself.
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>
    /// TLS from the first byte (ejabberd <c>tls: true</c>), the server certificate checked against
    /// <see cref="ComponentConnectionOptions.Host"/> and the system trust store, or only the authorities in
    /// <see cref="ComponentConnectionOptions.TlsCertificateAuthority"/> when set.
    /// </summary>
    /// <exception cref="AuthenticationException">The certificate was refused, or the authority file holds no certificate.</exception>
    internal static async Task<SslStream> AuthenticateTlsAsync(System.IO.Stream stream, ComponentConnectionOptions options, CancellationToken cancellationToken)
    {
        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            var authentication = new SslClientAuthenticationOptions
            {
                TargetHost = options.Host,
                CertificateChainPolicy = options.TlsCertificateAuthority is { } path ? TrustOnly(path) : null,
            };
            await tls.AuthenticateAsClientAsync(authentication, cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Only these authorities, as curl's --cacert: a private CA, or the server's own self-signed certificate. The host
    // name is still checked (SslStream does that apart from the chain); revocation is not, as SslStream's default.
    private static X509ChainPolicy TrustOnly(string path)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (CryptographicException e)
        {
            throw new AuthenticationException($"{path} is not a PEM file of certificates: {e.Message}", e);
        }

        if (authorities.Count == 0)
        {
            throw new AuthenticationException($"{path} holds no PEM certificate to trust.");
        }

        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(authorities);
        policy.ApplicationPolicy.Add(new Oid(ServerAuthenticationOid));
        return policy;
    }
}
