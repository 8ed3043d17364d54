using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Quoalise.Testing.Servers;

/// <summary>
/// A throw-away certificate authority for mutual-TLS tests, made in-process per test run: its certificate and key
/// (<c>ca.crt</c>, <c>ca.key</c>), a server certificate valid for 127.0.0.1 and localhost, and client certificates.
/// Every key is RSA 2048, the size ESP32 boards handle. Not thread-safe: issue certificates from one thread.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private const int KeySize = 2048;
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromHours(1);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private readonly X509Certificate2 _certificate;

    private TestCertificateAuthority(string directory, X509Certificate2 certificate, IssuedCertificate files)
    {
        Directory = directory;
        _certificate = certificate;
        Files = files;
    }

    /// <summary>Where the CA and every certificate it issues are written.</summary>
    public string Directory { get; }

    /// <summary>The CA's own files; clients and servers trust <see cref="CertificatePath"/>.</summary>
    public IssuedCertificate Files { get; }

    public string CertificatePath => Files.CertificatePath;

    /// <summary>Creates a CA in <paramref name="directory"/> (created if missing).</summary>
    public static TestCertificateAuthority Create(string directory, string commonName = "Quoalise Test CA")
    {
        System.IO.Directory.CreateDirectory(directory);
        using var key = RSA.Create(KeySize);
        var request = new CertificateRequest(Subject(commonName), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now - ClockSkew, now + Lifetime);
        var files = Write(directory, "ca", commonName, certificate, key);
        return new TestCertificateAuthority(directory, certificate, files);
    }

    /// <summary>
    /// A server certificate with subjectAltName IP:127.0.0.1, IP:::1 and DNS:localhost: TLS clients check the SAN, not the
    /// common name, and devices connect by IP address.
    /// </summary>
    public IssuedCertificate IssueServerCertificate(string name = "server")
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        return Issue(name, "localhost", ServerAuthenticationOid, names.Build());
    }

    /// <summary>A client certificate; brokers configured with <c>use_identity_as_username</c> see the common name as the username.</summary>
    public IssuedCertificate IssueClientCertificate(string commonName) =>
        Issue(commonName, commonName, ClientAuthenticationOid, extraExtension: null);

    public void Dispose() => _certificate.Dispose();

    private IssuedCertificate Issue(string fileName, string commonName, string extendedUsage, X509Extension? extraExtension)
    {
        using var key = RSA.Create(KeySize);
        var request = new CertificateRequest(Subject(commonName), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedUsage)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, true, false));
        if (extraExtension is not null)
        {
            request.CertificateExtensions.Add(extraExtension);
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number, as RFC 5280 §4.1.2.2 requires
        // The CA's own validity: an issued certificate may not outlive its issuer.
        using var certificate = request.Create(_certificate, _certificate.NotBefore, _certificate.NotAfter, serial);
        return Write(Directory, fileName, commonName, certificate, key);
    }

    private static IssuedCertificate Write(string directory, string fileName, string commonName, X509Certificate2 certificate, RSA key)
    {
        var files = new IssuedCertificate(
            commonName,
            Path.Combine(directory, fileName + ".crt"),
            Path.Combine(directory, fileName + ".key"),
            Path.Combine(directory, fileName + ".pk8.key"));
        File.WriteAllText(files.CertificatePath, certificate.ExportCertificatePem() + "\n");
        PrivateFile.Write(files.Pkcs1KeyPath, key.ExportRSAPrivateKeyPem() + "\n");
        PrivateFile.Write(files.Pkcs8KeyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        return files;
    }

    private static X500DistinguishedName Subject(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddOrganizationName("Quoalise tests");
        builder.AddCommonName(commonName);
        return builder.Build();
    }
}
