using Quoalise.Adapters.Ocpp.Rpc;

namespace Quoalise.Adapters.Ocpp.Tests.Rpc;

public class OcppSubprotocolsTests
{
    [Test]
    public void The_charge_points_order_of_preference_decides()
    {
        OcppSubprotocols.Negotiate(["ocpp2.0.1", "ocpp1.6"]).Should().Be(OcppVersion.V201);
        OcppSubprotocols.Negotiate(["ocpp1.5", "ocpp1.6", "ocpp2.0.1"]).Should().Be(OcppVersion.V16);
    }

    [Test]
    public void None_of_ours_gives_no_version()
    {
        OcppSubprotocols.Negotiate(["ocpp1.5", "ocpp2.1"]).Should().BeNull();
        OcppSubprotocols.Negotiate([]).Should().BeNull();
    }
}
