using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.IntegrationTests.Ocpp;

/// <summary><c>Ocpp:AutoRegister</c>: an unknown charge point is registered on its first connection, once it would succeed.</summary>
[NonParallelizable] // One component shared by the fixture's tests.
public class AutoRegistrationTests : OcppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ocpp:AutoRegister"] = "true",
        ["Ocpp:AutoRegisterStatus"] = "Accepted",
    };

    [Test]
    public async Task An_unknown_charge_point_is_registered_only_when_it_offers_a_subprotocol_of_ours()
    {
        var speaksOcpp = "AUTO-" + Guid.NewGuid().ToString("N")[..10];
        var speaksNothingOfOurs = "AUTO-" + Guid.NewGuid().ToString("N")[..10];

        var refused = async () => await Unconnected(speaksNothingOfOurs).OpenAsync(Endpoint, ["ocpp1.5"], Key);
        await refused.Should().ThrowAsync<ChargePointException>();
        var chargePoint = await ConnectAsync(speaksOcpp);
        var boot = await chargePoint.CallAsync("BootNotification", new { chargePointVendor = "V", chargePointModel = "M" });

        (await Get<ChargePointStore>().FindAsync(speaksNothingOfOurs, CancellationToken.None)).Should().BeNull("it could not have talked to us anyway");
        boot.GetProperty("status").GetString().Should().Be("Accepted");
        var registered = (await Get<ChargePointStore>().FindAsync(speaksOcpp, CancellationToken.None))!;
        (registered.SecurityProfile, registered.AutoRegistered).Should().Be((1L, 1L));
    }
}
