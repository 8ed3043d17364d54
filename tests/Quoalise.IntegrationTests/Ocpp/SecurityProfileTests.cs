using Quoalise.Testing.Servers;

namespace Quoalise.IntegrationTests.Ocpp;

/// <summary>
/// Security profile 2 (TLS with Basic authentication) on a Kestrel HTTPS endpoint configured as an operator
/// would (<c>Kestrel:Endpoints</c>), with a certificate from a throw-away authority the charge point trusts.
/// </summary>
[NonParallelizable] // One component shared by the fixture's tests.
public class SecurityProfileTests : OcppFixture
{
    private readonly TestCertificateAuthority _authority = TestCertificateAuthority.Create(Directory.CreateTempSubdirectory("quoalise-ocpp-tls-").FullName);
    private readonly int _httpsPort = FreePort.Next();
    private readonly int _httpPort = FreePort.Next();

    private Uri Secure => new($"wss://localhost:{_httpsPort}/ocpp");

    private Uri Plain => new($"ws://127.0.0.1:{_httpPort}/ocpp");

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var certificate = _authority.IssueServerCertificate();
            return new Dictionary<string, string?>
            {
                ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{_httpPort}",
                ["Kestrel:Endpoints:Https:Url"] = $"https://127.0.0.1:{_httpsPort}",
                ["Kestrel:Endpoints:Https:Certificate:Path"] = certificate.CertificatePath,
                ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = certificate.Pkcs8KeyPath,
            };
        }
    }

    [OneTimeTearDown]
    public void DeleteAuthority()
    {
        _authority.Dispose();
        Directory.Delete(_authority.Directory, recursive: true);
    }

    [Test]
    public async Task A_profile_2_charge_point_boots_over_wss_with_its_key()
    {
        var id = await RegisterAsync(securityProfile: 2);

        var chargePoint = await OcppChargePoint.ConnectAsync(Secure, id, password: Key, certificateAuthority: _authority.CertificatePath);
        await using (chargePoint)
        {
            var boot = await chargePoint.CallAsync("BootNotification", new { chargePointVendor = "V", chargePointModel = "TLS" });
            boot.GetProperty("status").GetString().Should().Be("Accepted");
        }
    }

    [Test]
    public async Task A_profile_2_charge_point_is_refused_over_plain_ws_even_with_the_right_key()
    {
        var id = await RegisterAsync(securityProfile: 2);

        var plain = async () => await Unconnected(id).OpenAsync(Plain, ["ocpp1.6"], Key);
        var wrongKey = async () => await Unconnected(id).OpenAsync(Secure, ["ocpp1.6"], "not-the-key-not-the-key", _authority.CertificatePath);

        (await plain.Should().ThrowAsync<ChargePointException>()).Which.HttpStatus.Should().Be(401);
        (await wrongKey.Should().ThrowAsync<ChargePointException>()).Which.HttpStatus.Should().Be(401);
    }

    [Test]
    public async Task A_forwarded_https_header_is_ignored_when_no_proxy_is_trusted()
    {
        var id = await RegisterAsync(securityProfile: 2);

        var forwarded = async () => await Unconnected(id).OpenAsync(Plain, ["ocpp1.6"], Key, headers: new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" });

        (await forwarded.Should().ThrowAsync<ChargePointException>()).Which.HttpStatus.Should().Be(401);
    }
}
