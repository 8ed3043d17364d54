using Microsoft.Extensions.Logging.Abstractions;
using Quoalise.Adapters.Mqtt.Broker;
using Quoalise.Adapters.Mqtt.Options;

namespace Quoalise.Adapters.Mqtt.Tests.Broker;

public class MqttConnectionStreamTests
{
    private const int Block = 64;

    [Test]
    public async Task A_packet_read_as_MQTTnet_does_header_then_body_costs_one_read_of_the_connection()
    {
        var packet = Packet(bodyBytes: 40, seed: 1);
        var connection = new SegmentedStream(packet);
        var stream = Stream(connection);

        var header = new byte[2];
        var body = new byte[40];
        (await stream.ReadAsync(header)).Should().Be(2);
        (await stream.ReadAsync(body)).Should().Be(40);

        header.Concat(body).Should().Equal(packet);
        connection.Reads.Should().Be(1);
    }

    [Test]
    public async Task Packets_split_across_segments_and_bodies_larger_than_a_block_arrive_intact()
    {
        var sent = Packet(bodyBytes: 497, seed: 2);
        sent.Length.Should().Be(500, "a 497-byte body takes two bytes of remaining length");
        var connection = new SegmentedStream(sent[..3], sent[3..100], sent[100..]);
        var stream = Stream(connection);

        var received = new List<byte>();
        var small = new byte[2];
        received.AddRange(small[..await stream.ReadAsync(small)]);
        var large = new byte[Block * 4];
        int count;
        while ((count = await stream.ReadAsync(large)) > 0)
        {
            received.AddRange(large[..count]);
        }

        received.Should().Equal(sent);
        connection.LargestRead.Should().Be(Block * 4, "a read of a block or more with nothing buffered goes straight to the connection");
    }

    [Test]
    public void Synchronous_reads_are_served_from_the_block_too()
    {
        var sent = Packet(bodyBytes: 8, seed: 3);
        var connection = new SegmentedStream(sent);
        var stream = Stream(connection);

        var first = new byte[4];
        var rest = new byte[6];
        stream.Read(first).Should().Be(4);
        stream.Read(rest).Should().Be(6);
        stream.Read(new byte[1]).Should().Be(0, "the connection has ended");

        first.Concat(rest).Should().Equal(sent);
        connection.Reads.Should().Be(2);
    }

    [Test]
    public async Task A_write_reaches_the_connection_at_once_without_a_flush()
    {
        // MQTTnet writes a PUBACK and never flushes: a buffered write would hold it back.
        var connection = new SegmentedStream();
        var stream = Stream(connection);

        await stream.WriteAsync(new byte[] { 0x40, 0x02, 0x00, 0x07 });

        connection.Written.Should().Equal(0x40, 0x02, 0x00, 0x07);
    }

    [Test]
    public async Task A_packet_over_the_limit_is_refused_on_the_last_byte_of_its_header_before_its_body_is_handed_out()
    {
        var connection = new SegmentedStream(Packet(bodyBytes: 40, seed: 4), Packet(bodyBytes: 200, seed: 5));
        var stream = new MqttConnectionStream(connection, Block, new MqttPacketSizeGuard(100, "test", NullLogger.Instance));
        (await stream.ReadAsync(new byte[42])).Should().Be(42, "the first packet, 42 bytes, is within the limit");
        (await stream.ReadAsync(new byte[2])).Should().Be(2, "MQTTnet reads two bytes, then the rest of the length a byte at a time");

        var reading = async () => await stream.ReadAsync(new byte[1]);

        (await reading.Should().ThrowAsync<MqttPacketTooLargeException>()).Which.PacketBytes.Should().Be(203);
    }

    private static MqttConnectionStream Stream(Stream connection) =>
        new(connection, Block, new MqttPacketSizeGuard(MqttOptions.DefaultMaxPacketBytes, "test", NullLogger.Instance));

    /// <summary>A PUBLISH-typed packet of random body bytes, its remaining length encoded as MQTT §2.2.3 says.</summary>
    internal static byte[] Packet(int bodyBytes, int seed)
    {
        var header = new List<byte> { 0x30 };
        var remaining = bodyBytes;
        do
        {
            var digit = (byte)(remaining % 128);
            remaining /= 128;
            header.Add(remaining > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (remaining > 0);

        var body = new byte[bodyBytes];
        new Random(seed).NextBytes(body);
        return [.. header, .. body];
    }

    /// <summary>A connection that hands out at most one segment a read, as TCP may, and records what it is asked.</summary>
    private sealed class SegmentedStream(params byte[][] segments) : Stream
    {
        private readonly Queue<byte[]> _segments = new(segments);
        private byte[] _segment = [];

        public int Reads { get; private set; }

        public int LargestRead { get; private set; }

        public List<byte> Written { get; } = [];

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> destination)
        {
            Reads++;
            LargestRead = Math.Max(LargestRead, destination.Length);
            if (_segment.Length == 0)
            {
                if (!_segments.TryDequeue(out var next))
                {
                    return 0;
                }

                _segment = next;
            }

            var count = Math.Min(_segment.Length, destination.Length);
            _segment.AsSpan(0, count).CopyTo(destination);
            _segment = _segment[count..];
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(destination.Span));

        public override void Write(byte[] buffer, int offset, int count) => Written.AddRange(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
