using Microsoft.Extensions.Logging;
using MQTTnet.Exceptions;

namespace Quoalise.Adapters.Mqtt.Broker;

/// <summary>
/// Follows the MQTT framing of the bytes one connection delivers (MQTT 3.1.1 and 5 §2.2: a type byte, then the
/// remaining length in one to four bytes of seven bits, then that many bytes) and refuses a packet whose header
/// announces more than <c>Mqtt:MaxPacketBytes</c>, before MQTTnet reads its body: MQTTnet 5.2 allocates
/// whatever a header announces, up to 256 MiB, so one client could make the component allocate that much. MQTTnet
/// closes the connection on the exception without a word, so the refusal is logged here (event 4013).
/// </summary>
internal sealed class MqttPacketSizeGuard(int maxPacketBytes, string endpoint, ILogger logger)
{
    // Bytes of the current fixed header seen so far; 0 when the next byte starts a packet.
    private int _headerBytes;
    private int _remainingLength;
    private int _lengthMultiplier;
    private int _bodyBytesLeft;

    /// <summary>Takes the bytes handed to MQTTnet, in order.</summary>
    /// <exception cref="MqttPacketTooLargeException">A packet announces more than the limit.</exception>
    /// <exception cref="MqttProtocolViolationException">A remaining length runs over four bytes.</exception>
    public void Inspect(ReadOnlySpan<byte> delivered)
    {
        var at = 0;
        while (at < delivered.Length)
        {
            if (_bodyBytesLeft > 0)
            {
                var skipped = Math.Min(_bodyBytesLeft, delivered.Length - at);
                _bodyBytesLeft -= skipped;
                at += skipped;
                continue;
            }

            var next = delivered[at++];
            if (_headerBytes == 0)
            {
                _headerBytes = 1;
                _remainingLength = 0;
                _lengthMultiplier = 1;
                continue;
            }

            _headerBytes++;
            _remainingLength += (next & 0x7F) * _lengthMultiplier;
            if ((next & 0x80) != 0)
            {
                if (_headerBytes == 5)
                {
                    throw new MqttProtocolViolationException("The remaining length of a packet runs over four bytes (MQTT §2.2.3).");
                }

                _lengthMultiplier *= 128;
                continue;
            }

            var packetBytes = (long)_headerBytes + _remainingLength;
            if (packetBytes > maxPacketBytes)
            {
                MqttLog.PacketTooLarge(logger, endpoint, packetBytes, maxPacketBytes);
                throw new MqttPacketTooLargeException(packetBytes, maxPacketBytes);
            }

            _bodyBytesLeft = _remainingLength;
            _headerBytes = 0;
        }
    }
}

/// <summary>A packet over <c>Mqtt:MaxPacketBytes</c>; MQTTnet closes the connection on it, as on any protocol violation.</summary>
internal sealed class MqttPacketTooLargeException(long packetBytes, int maxPacketBytes)
    : MqttProtocolViolationException($"A packet of {packetBytes} bytes is over Mqtt:MaxPacketBytes ({maxPacketBytes}).")
{
    public long PacketBytes => packetBytes;
}
