using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Quoalise.Testing.Servers;

namespace Quoalise.IntegrationTests.Infrastructure;

[Parallelizable]
public sealed class TestCertificateAuthorityTests
{
    private DirectoryInfo _directory = null!;
    private TestCertificateAuthority _authority = null!;

    [SetUp]
    public void CreateAuthority()
    {
        _directory = Directory.CreateTempSubdirectory("quoalise-ca-");
        _authority = TestCertificateAuthority.Create(_directory.FullName);
    }

    [TearDown]
    public void DeleteAuthority()
    {
        _authority.Dispose();
        _directory.Delete(recursive: true);
    }

    [Test]
    public void A_client_key_is_rsa_2048_written_as_pkcs1_for_esp32_and_as_pkcs8()
    {
        var client = _authority.IssueClientCertificate("m5-serre-1");

        var pkcs1 = File.ReadAllText(client.Pkcs1KeyPath);
        var pkcs8 = File.ReadAllText(client.Pkcs8KeyPath);
        using var fromPkcs1 = RSA.Create();
        fromPkcs1.ImportFromPem(pkcs1);
        using var fromPkcs8 = RSA.Create();
        fromPkcs8.ImportFromPem(pkcs8);
        using var certificate = client.LoadWithPrivateKey();

        pkcs1.Should().StartWith("-----BEGIN RSA PRIVATE KEY-----");
        pkcs8.Should().StartWith("-----BEGIN PRIVATE KEY-----");
        fromPkcs1.KeySize.Should().Be(2048);
        fromPkcs1.ExportParameters(false).Modulus.Should().Equal(fromPkcs8.ExportParameters(false).Modulus);
        certificate.HasPrivateKey.Should().BeTrue();
        certificate.GetNameInfo(X509NameType.SimpleName, false).Should().Be("m5-serre-1");
    }

    [Test]
    public void The_server_certificate_names_loopback_and_localhost_and_chains_to_the_authority()
    {
        var server = _authority.IssueServerCertificate();

        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(server.CertificatePath));
        using var authority = X509Certificate2.CreateFromPem(File.ReadAllText(_authority.CertificatePath));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        chain.Build(certificate).Should().BeTrue(string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
        certificate.MatchesHostname("127.0.0.1").Should().BeTrue();
        certificate.MatchesHostname("localhost").Should().BeTrue();
    }
}
