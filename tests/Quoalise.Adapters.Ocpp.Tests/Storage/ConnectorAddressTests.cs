using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Tests.Storage;

public class ConnectorAddressTests
{
    [TestCase("1", 1, 0)]
    [TestCase("0", 0, 0)]
    [TestCase("1.2", 1, 2)]
    [TestCase("12.3", 12, 3)]
    public void A_connector_or_an_evse_and_its_connector_reads_and_writes_back_the_same(string text, int connector, int evseConnector)
    {
        ConnectorAddress.TryParse(text, out var address).Should().BeTrue();

        address.Should().Be(new ConnectorAddress(connector, evseConnector));
        address.ToString().Should().Be(text);
    }

    [TestCase("")]
    [TestCase("-1")]
    [TestCase("1.")]
    [TestCase(".2")]
    [TestCase("1.2.3")]
    [TestCase(" 1")]
    [TestCase("99999999999")]
    public void Anything_else_is_no_connector(string text) =>
        ConnectorAddress.TryParse(text, out _).Should().BeFalse();
}
