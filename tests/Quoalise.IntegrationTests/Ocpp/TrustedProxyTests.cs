namespace Quoalise.IntegrationTests.Ocpp;

/// <summary>
/// Security profile 2 behind a reverse proxy that ends TLS (<c>Ocpp:TrustedProxies</c>): the test plays the proxy
/// on loopback, forwarding the charge point's upgrade over plain WebSocket with <c>X-Forwarded-Proto</c>.
/// </summary>
[NonParallelizable] // One component shared by the fixture's tests.
public class TrustedProxyTests : OcppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Ocpp:TrustedProxies:0"] = "127.0.0.1" };

    [Test]
    public async Task A_profile_2_charge_point_forwarded_by_a_trusted_proxy_that_ended_tls_boots()
    {
        var id = await RegisterAsync(securityProfile: 2);
        var chargePoint = Unconnected(id);

        await chargePoint.OpenAsync(Endpoint, ["ocpp1.6"], Key, headers: new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" });
        var boot = await chargePoint.CallAsync("BootNotification", new { chargePointVendor = "V", chargePointModel = "Proxied" });

        boot.GetProperty("status").GetString().Should().Be("Accepted");
    }

    [Test]
    public async Task A_trusted_proxy_that_did_not_end_tls_gets_profile_2_refused()
    {
        var id = await RegisterAsync(securityProfile: 2);

        var plain = async () => await Unconnected(id).OpenAsync(Endpoint, ["ocpp1.6"], Key, headers: new Dictionary<string, string> { ["X-Forwarded-Proto"] = "http" });

        (await plain.Should().ThrowAsync<ChargePointException>()).Which.HttpStatus.Should().Be(401);
    }
}
