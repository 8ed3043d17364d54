using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Quoalise.Load;

/// <summary>
/// An MQTT 3.1.1 device that does only what the throughput run needs: connect with a clean session, publish at QoS 1
/// and wait for each PUBACK, disconnect. With 500 MQTTnet clients this tool took about 35 µs of CPU a message (45% of
/// a core at 13,000 messages a second), CPU that the component under test, on the same 2-core machine, then lacked;
/// this one writes each PUBLISH with one send and reads each PUBACK with one receive (about 30% of a core at 16,000).
/// Not thread-safe: one loop per device.
/// </summary>
internal sealed class LeanMqttPublisher : IAsyncDisposable
{
    private const byte ConnAck = 0x20;
    private const byte PublishQos1 = 0x32;
    private const byte PubAck = 0x40;

    private readonly Socket _socket;
    private readonly byte[] _topic;
    private readonly byte[] _buffer = new byte[4096];
    private readonly ushort _lastPacketId;
    private ushort _packetId;

    private LeanMqttPublisher(Socket socket, string topic, ushort lastPacketId)
    {
        _socket = socket;
        _topic = Encoding.UTF8.GetBytes(topic);
        _lastPacketId = lastPacketId;
    }

    /// <param name="lastPacketId">
    /// Packet ids go 1, 2, … up to this one, then start again at 1 (legal once each is acknowledged). Below 65,535 it
    /// puts a run where a long-lived session is: its packet ids wrapped, so each message's delivery receipt rewrites one.
    /// </param>
    public static async Task<LeanMqttPublisher> ConnectAsync(int port, string clientId, string topic, ushort lastPacketId = ushort.MaxValue, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync("127.0.0.1", port, cancellationToken);
        var publisher = new LeanMqttPublisher(socket, topic, lastPacketId);
        var id = Encoding.UTF8.GetBytes(clientId);
        // Variable header: protocol name "MQTT", level 4, flags clean session, keep-alive 0 (none); then the client id.
        byte[] variable = [0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 0, (byte)(id.Length >> 8), (byte)id.Length, .. id];
        await publisher.SendAsync(0x10, variable, cancellationToken);
        var ack = await publisher.ReceiveAsync(4, cancellationToken);
        if (ack[0] != ConnAck || ack[3] != 0)
        {
            throw new InvalidOperationException($"CONNACK refused {clientId}: return code {ack[3]}.");
        }

        return publisher;
    }

    /// <summary>Publishes at QoS 1 and returns when the broker's PUBACK for it has come back.</summary>
    public async Task PublishAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        _packetId = (ushort)(_packetId >= _lastPacketId ? 1 : _packetId + 1);
        var remaining = 2 + _topic.Length + 2 + payload.Length;
        var packet = new byte[1 + LengthBytes(remaining) + remaining];
        var at = WriteFixedHeader(packet, PublishQos1, remaining);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at), (ushort)_topic.Length);
        _topic.CopyTo(packet, at + 2);
        at += 2 + _topic.Length;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at), _packetId);
        payload.Span.CopyTo(packet.AsSpan(at + 2));
        await SendAllAsync(packet, cancellationToken);
        var ack = await ReceiveAsync(4, cancellationToken);
        if (ack[0] != PubAck || BinaryPrimitives.ReadUInt16BigEndian(ack.AsSpan(2)) != _packetId)
        {
            throw new InvalidOperationException($"Expected PUBACK {_packetId}, got {Convert.ToHexString(ack)}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await SendAllAsync([0xE0, 0x00], CancellationToken.None);
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // The broker went first: nothing to say goodbye to.
        }

        _socket.Dispose();
    }

    private static int LengthBytes(int length) => length < 128 ? 1 : length < 16_384 ? 2 : length < 2_097_152 ? 3 : 4;

    // MQTT's remaining length: seven bits a byte, the high bit saying another follows.
    private static int WriteFixedHeader(byte[] packet, byte type, int remaining)
    {
        packet[0] = type;
        var at = 1;
        do
        {
            var digit = (byte)(remaining % 128);
            remaining /= 128;
            packet[at++] = remaining > 0 ? (byte)(digit | 0x80) : digit;
        }
        while (remaining > 0);

        return at;
    }

    private Task SendAsync(byte type, byte[] body, CancellationToken cancellationToken)
    {
        var packet = new byte[1 + LengthBytes(body.Length) + body.Length];
        body.CopyTo(packet, WriteFixedHeader(packet, type, body.Length));
        return SendAllAsync(packet, cancellationToken);
    }

    private async Task SendAllAsync(byte[] packet, CancellationToken cancellationToken)
    {
        for (var sent = 0; sent < packet.Length;)
        {
            sent += await _socket.SendAsync(packet.AsMemory(sent), SocketFlags.None, cancellationToken);
        }
    }

    private async Task<byte[]> ReceiveAsync(int count, CancellationToken cancellationToken)
    {
        for (var received = 0; received < count;)
        {
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(received, count - received), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new IOException("The broker closed the connection.");
            }

            received += read;
        }

        return _buffer[..count];
    }
}
