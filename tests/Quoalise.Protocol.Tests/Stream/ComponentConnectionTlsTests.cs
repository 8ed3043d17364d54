using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Quoalise.Protocol.Stream;
using Quoalise.Protocol.Tests.Support;
using Quoalise.Testing.Servers;
using Quoalise.Testing.Streams;

namespace Quoalise.Protocol.Tests.Stream;

/// <summary>
/// Direct TLS to the component port (ejabberd <c>tls: true</c>) over an in-memory pipe: which server certificates the
/// component accepts, with and without <see cref="ComponentConnectionOptions.TlsCertificateAuthority"/>.
/// </summary>
public class ComponentConnectionTlsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private string _folder = null!;
    private TestCertificateAuthority _authority = null!;
    private TestCertificateAuthority _stranger = null!;

    [OneTimeSetUp]
    public void CreateAuthorities()
    {
        _folder = Directory.CreateTempSubdirectory("quoalise-tls-").FullName;
        _authority = TestCertificateAuthority.Create(Path.Combine(_folder, "ours"));
        _stranger = TestCertificateAuthority.Create(Path.Combine(_folder, "theirs"), "Someone else's CA");
    }

    [OneTimeTearDown]
    public void DeleteAuthorities()
    {
        _authority.Dispose();
        _stranger.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task A_server_certificate_from_the_configured_authority_is_trusted()
    {
        using var certificate = _authority.IssueServerCertificate().LoadWithPrivateKey();

        var refusal = await HandshakeAsync(Options(_authority.CertificatePath), certificate);

        refusal.Should().BeNull();
    }

    [Test]
    public async Task Without_the_setting_the_system_trust_store_refuses_a_private_authority()
    {
        using var certificate = _authority.IssueServerCertificate().LoadWithPrivateKey();

        var refusal = await HandshakeAsync(Options(authority: null), certificate);

        refusal.Should().BeOfType<AuthenticationException>().Which.Message.Should().Contain("errors in the certificate chain");
    }

    [Test]
    public async Task Only_the_configured_authority_is_trusted()
    {
        using var certificate = _stranger.IssueServerCertificate("stranger").LoadWithPrivateKey();

        var refusal = await HandshakeAsync(Options(_authority.CertificatePath), certificate);

        refusal.Should().BeOfType<AuthenticationException>().Which.Message.Should().Contain("errors in the certificate chain");
    }

    [Test]
    public async Task The_host_name_is_still_checked_against_the_certificate()
    {
        using var certificate = _authority.IssueServerCertificate().LoadWithPrivateKey();

        var refusal = await HandshakeAsync(Options(_authority.CertificatePath) with { Host = "xmpp.example.org" }, certificate);

        refusal.Should().BeOfType<AuthenticationException>().Which.Message.Should().Contain("RemoteCertificateNameMismatch");
    }

    [Test]
    public async Task A_self_signed_server_certificate_can_be_trusted_by_itself()
    {
        using var certificate = SelfSigned();
        var pinned = Path.Combine(_folder, "self-signed.crt");
        await File.WriteAllTextAsync(pinned, certificate.ExportCertificatePem());

        var refusal = await HandshakeAsync(Options(pinned), certificate);

        refusal.Should().BeNull();
    }

    [Test]
    public async Task A_file_without_a_certificate_fails_before_the_handshake_naming_the_file()
    {
        var empty = Path.Combine(_folder, "empty.pem");
        await File.WriteAllTextAsync(empty, "no certificate here\n");
        var (client, _) = DuplexPipe.CreatePair();

        var open = () => ComponentConnection.AuthenticateTlsAsync(client, Options(empty), CancellationToken.None);

        (await open.Should().ThrowAsync<AuthenticationException>()).WithMessage($"{empty} holds no PEM certificate*");
    }

    private static ComponentConnectionOptions Options(string? authority) =>
        TestOptions.Connection with { UseTls = true, TlsCertificateAuthority = authority };

    /// <summary>Runs both ends of the TLS handshake; returns the component's refusal, or null if it accepted the server.</summary>
    private static async Task<Exception?> HandshakeAsync(ComponentConnectionOptions options, X509Certificate2 serverCertificate)
    {
        var (client, server) = DuplexPipe.CreatePair();
        await using var serverTls = new SslStream(server, leaveInnerStreamOpen: false);
        var serverSide = serverTls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = serverCertificate });
        try
        {
            await using var tls = await ComponentConnection.AuthenticateTlsAsync(client, options, CancellationToken.None).WaitAsync(Timeout);
            await serverSide.WaitAsync(Timeout);
            return null;
        }
        catch (AuthenticationException e)
        {
            // Under TLS 1.3 the server may finish before the component rejects its certificate, or fail once it hangs
            // up: either way it ends, and only the component's verdict matters.
            await serverSide.ContinueWith(static _ => { }, TaskScheduler.Default).WaitAsync(Timeout);
            return e;
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=xmpp.localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));
    }
}
