using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>
/// Gives each message its reception stamp so that a redelivery cannot duplicate it. QoS 1 means a message committed
/// but not yet acknowledged when the component dies comes again, with DUP set and the same packet id; storage is
/// idempotent on (series, time), so handing the redelivery its first stamp makes it overwrite: rows equal messages.
/// </summary>
/// <remarks>
/// The stamp is remembered as a receipt point written in the same <see cref="ISeriesWriter.WriteAsync"/> call as the
/// readings, in front of them: storage commits its queue in order, so whenever readings are committed their receipt
/// is too, without a transaction of its own (a separate one halved SQLite's ingest: two writers contending for
/// one lock). Receipts live in one unregistered series per MQTT session,
/// <c>urn:dev:quoalise:mqtt-deliveries:&lt;hash of the session&gt;</c>, keyed by packet id (time = packet id µs after
/// 1970, value = stamp in µs, string value = hash of topic and payload); a packet id reused for the next message
/// overwrites its receipt, so a session never holds more than 65,535. Unregistered series are not listed, read or
/// pushed. A DUP whose packet id carries another payload (an id reused after an acknowledgement) gets a new stamp.
/// Thread-safe.
/// </remarks>
internal sealed class DeliveryJournal(ISeriesReader reader, DatabaseRetry retry, ReceptionClock clock, ILogger<DeliveryJournal> logger)
{
    public const string SeriesPrefix = "urn:dev:quoalise:mqtt-deliveries:";

    // Topic and payload up to this size are hashed from the stack; longer ones from a pooled buffer.
    private const int StackHashInput = 1024;

    // Sessions whose receipt series are remembered, past which the memory starts over, and the longest client id
    // remembered: at most about 60 MB even if every client id were that long.
    private const int RememberedSessions = 100_000;
    private const int RememberedSessionLength = 256;

    // Hashing the session for every message was half of this class's SHA-256 work (docs/BENCHMARKS.md, MQTT).
    private readonly ConcurrentDictionary<string, string> _seriesOfSession = new(StringComparer.Ordinal);

    public async Task<DeliveryStamp> StampAsync(MqttDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.PacketId == 0)
        {
            // QoS 0: never redelivered, nothing to remember.
            return new DeliveryStamp(clock.Next(), null);
        }

        var series = RememberedSeriesOf(delivery.Session);
        var key = KeyTime(delivery.PacketId);
        var hash = Hash(delivery.Topic, delivery.Payload.Span);
        if (delivery.Duplicate)
        {
            var page = await retry.RunAsync(
                "delivery receipts", token => reader.ReadAsync(new SeriesQuery(series, key, key.AddTicks(TimeSpan.TicksPerMicrosecond), 1), token), cancellationToken);
            if (page.Points is [{ Value: { } micros, StringValue: var earlierHash }] && earlierHash == hash)
            {
                var first = UnixMicroseconds.ToTime((long)micros);
                MqttLog.RedeliveryRestamped(logger, delivery.Topic, delivery.PacketId, first);
                return new DeliveryStamp(first, null);
            }
        }

        var stamp = clock.Next();
        return new DeliveryStamp(stamp, new SenMLRecord(series, key, Value: UnixMicroseconds.From(stamp), StringValue: hash));
    }

    private string RememberedSeriesOf(string session)
    {
        if (_seriesOfSession.TryGetValue(session, out var series))
        {
            return series;
        }

        if (session.Length > RememberedSessionLength)
        {
            return SeriesOf(session);
        }

        if (_seriesOfSession.Count >= RememberedSessions)
        {
            _seriesOfSession.Clear();
        }

        return _seriesOfSession[session] = SeriesOf(session);
    }

    /// <summary>The receipt series of a session: a hash, so any client id (up to 65,535 bytes) fits an identifier.</summary>
    internal static string SeriesOf(string session) =>
        SeriesPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(session)).AsSpan(0, 16));

    internal static DateTimeOffset KeyTime(int packetId) => UnixMicroseconds.ToTime(packetId);

    /// <summary>
    /// SHA-256 of topic, a zero byte and payload, in one call: an incremental hash costs an OpenSSL context per message,
    /// 1.4% of the component's CPU under MQTT load against 0.3% in one call (docs/BENCHMARKS.md).
    /// </summary>
    internal static string Hash(string topic, ReadOnlySpan<byte> payload)
    {
        var length = Encoding.UTF8.GetByteCount(topic) + 1 + payload.Length;
        var rented = length > StackHashInput ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var input = rented is null ? stackalloc byte[StackHashInput] : rented;
            var written = Encoding.UTF8.GetBytes(topic, input);
            input[written++] = 0;
            payload.CopyTo(input[written..]);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(input[..length], digest);
            return Convert.ToHexStringLower(digest[..16]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
