using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Exceptions;
using Quoalise.Adapters.Mqtt.Broker;

namespace Quoalise.Adapters.Mqtt.Tests.Broker;

public class MqttPacketSizeGuardTests
{
    private const int Limit = 20_000;

    // PINGREQ (no body), bodies of one-, two- and three-byte remaining lengths, and one of 1 + 3 + 19,996 bytes: the limit.
    private static readonly byte[][] Allowed =
    [
        [0xC0, 0x00],
        MqttConnectionStreamTests.Packet(bodyBytes: 127, seed: 1),
        MqttConnectionStreamTests.Packet(bodyBytes: 128, seed: 2),
        MqttConnectionStreamTests.Packet(bodyBytes: 16_383, seed: 3),
        MqttConnectionStreamTests.Packet(bodyBytes: Limit - 4, seed: 4),
    ];

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(100_000)]
    public void Framing_is_followed_whatever_the_chunks_so_a_packet_over_the_limit_after_others_is_caught(int chunkBytes)
    {
        var guard = new MqttPacketSizeGuard(Limit, "test", NullLogger.Instance);
        byte[] allowed = [.. Allowed.SelectMany(p => p)];

        foreach (var chunk in allowed.Chunk(chunkBytes))
        {
            guard.Inspect(chunk);
        }

        var oversized = () => guard.Inspect(MqttConnectionStreamTests.Packet(bodyBytes: Limit - 3, seed: 5).AsSpan(0, 4));
        oversized.Should().Throw<MqttPacketTooLargeException>().Which.PacketBytes.Should().Be(Limit + 1);
    }

    [Test]
    public void A_remaining_length_over_four_bytes_is_a_protocol_violation()
    {
        var guard = new MqttPacketSizeGuard(Limit, "test", NullLogger.Instance);

        var inspecting = () => guard.Inspect([0x30, 0x80, 0x80, 0x80, 0x80]);

        inspecting.Should().Throw<MqttProtocolViolationException>().WithMessage("*over four bytes*");
    }
}
