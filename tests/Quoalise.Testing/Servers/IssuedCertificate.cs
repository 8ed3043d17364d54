using System.Security.Cryptography.X509Certificates;

namespace Quoalise.Testing.Servers;

/// <summary>
/// A certificate issued by <see cref="TestCertificateAuthority"/>, as PEM files: the certificate, and its 2048-bit RSA key
/// both as PKCS#1 (<c>-----BEGIN RSA PRIVATE KEY-----</c>, what ESP32 firmware loads) and as PKCS#8
/// (<c>-----BEGIN PRIVATE KEY-----</c>). Immutable.
/// </summary>
public sealed record IssuedCertificate(string CommonName, string CertificatePath, string Pkcs1KeyPath, string Pkcs8KeyPath)
{
    /// <summary>The certificate with its private key, for .NET clients (MQTTnet, SslStream). The caller disposes it.</summary>
    public X509Certificate2 LoadWithPrivateKey() => X509Certificate2.CreateFromPemFile(CertificatePath, Pkcs8KeyPath);
}
