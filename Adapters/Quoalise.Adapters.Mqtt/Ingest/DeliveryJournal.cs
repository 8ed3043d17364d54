using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Quoalise.Adapters.Mqtt.Storage;

namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>
/// Gives each message its reception stamp, durable before its readings: QoS 1 means a message acknowledged too
/// late (crash between commit and PUBACK) comes again, with DUP set and the same packet id. Storage is idempotent
/// on (series, time), so handing the redelivery its first stamp back makes it overwrite, not duplicate: rows equal
/// messages. A DUP whose packet id carries another payload (reused id) gets a fresh stamp. Thread-safe.
/// </summary>
internal sealed class DeliveryJournal : IAsyncDisposable
{
    private const int MaxSessionChars = 255;

    private readonly IDeliveryStore _store;
    private readonly DatabaseRetry _retry;
    private readonly ReceptionClock _clock;
    private readonly BatchingWriter<Delivery> _writer;

    private readonly ILogger<DeliveryJournal> _logger;

    public DeliveryJournal(IDeliveryStore store, DatabaseRetry retry, ReceptionClock clock, ILogger<DeliveryJournal> logger)
    {
        _logger = logger;
        _store = store;
        _retry = retry;
        _clock = clock;
        _writer = new BatchingWriter<Delivery>("delivery journal", store.SaveAsync, retry);
    }

    public async Task<DateTimeOffset> StampAsync(MqttDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.PacketId == 0)
        {
            // QoS 0: never redelivered, nothing to remember.
            return _clock.Next();
        }

        var session = SessionKey(delivery.Session);
        var hash = Hash(delivery.Topic, delivery.Payload.Span);
        if (delivery.Duplicate)
        {
            var earlier = await _retry.RunAsync("delivery journal", token => _store.FindAsync(session, delivery.PacketId, token), cancellationToken);
            if (earlier is not null && earlier.PayloadHash == hash)
            {
                MqttLog.RedeliveryRestamped(_logger, delivery.Topic, delivery.PacketId, earlier.Stamp);
                return earlier.Stamp;
            }
        }

        var stamp = _clock.Next();
        await _writer.WriteAsync(new Delivery(session, delivery.PacketId, stamp, hash), cancellationToken);
        return stamp;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _writer.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    internal static long Hash(string topic, ReadOnlySpan<byte> payload)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(topic));
        sha.AppendData([0]);
        sha.AppendData(payload);
        Span<byte> digest = stackalloc byte[32];
        sha.GetHashAndReset(digest);
        return BitConverter.ToInt64(digest);
    }

    // Client ids may be up to 65,535 bytes; the column holds 255 characters.
    internal static string SessionKey(string session) =>
        session.Length <= MaxSessionChars ? session : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(session)));
}
