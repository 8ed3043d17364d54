using System.Text;
using Quoalise.Adapters.Mqtt.Ingest;

namespace Quoalise.Adapters.Mqtt.Tests.Ingest;

public class ControllerPayloadParserTests
{
    [Test]
    public void The_seed_announcement_is_an_address_and_a_status()
    {
        ControllerPayloadParser.Parse(Encoding.UTF8.GetBytes("""{"ip": "192.168.42.85", "status": true}"""), out var problem)
            .Should().Be(new ControllerStatus("192.168.42.85", true));
        problem.Should().BeNull();
    }

    [TestCase("""{"ip": "192.168.42.85"}""", "INVALID_PAYLOAD")]
    [TestCase("""[]""", "INVALID_PAYLOAD")]
    [TestCase("""{"ip": 3232246357, "status": true}""", "INVALID_VALUE")]
    [TestCase("""{"ip": "not an address", "status": true}""", "INVALID_VALUE")]
    [TestCase("""{"ip": "192.168.42.85", "status": 1}""", "INVALID_VALUE")]
    public void Missing_fields_are_INVALID_PAYLOAD_and_wrong_types_INVALID_VALUE(string json, string type)
    {
        ControllerPayloadParser.Parse(Encoding.UTF8.GetBytes(json), out var problem).Should().BeNull();
        problem!.Value.Type.Should().Be(type);
    }

    [TestCase("24:d7:eb:38:dc:38", "24:D7:EB:38:DC:38")]
    [TestCase("24-D7-EB-38-DC-38", "24:D7:EB:38:DC:38")]
    public void Mac_addresses_are_stored_upper_case_with_colons(string text, string stored)
    {
        ControllerPayloadParser.NormalizeMac(text, out _).Should().Be(stored);
    }

    [TestCase("24:D7:EB:38:DC")]
    [TestCase("24:D7:EB:38:DC:3G")]
    [TestCase("esp32")]
    public void Anything_else_is_not_a_MAC(string text)
    {
        ControllerPayloadParser.NormalizeMac(text, out var problem).Should().BeNull();
        problem.Should().Contain("is not a MAC address XX:XX:XX:XX:XX:XX");
    }
}
