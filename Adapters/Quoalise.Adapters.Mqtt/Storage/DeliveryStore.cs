using Dapper;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary><see cref="IDeliveryStore"/> on the configured database: multi-row upserts, one transaction per batch. Thread-safe.</summary>
internal sealed class DeliveryStore : IDeliveryStore
{
    private const string Find =
        "SELECT session AS Session, packet_id AS PacketId, stamp_us AS StampUs, payload_hash AS PayloadHash FROM mqtt_deliveries WHERE session = @session AND packet_id = @packetId";

    private readonly IDatabase _database;
    private readonly string _save;

    public DeliveryStore(IDatabase database)
    {
        _database = database;
        _save = database.Dialect.Upsert("mqtt_deliveries", ["session", "packet_id"], ["stamp_us", "payload_hash"]);
    }

    public async Task SaveAsync(IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken)
    {
        // One row per key in a statement: PostgreSQL refuses ON CONFLICT touching the same row twice.
        var latest = deliveries.GroupBy(d => (d.Session, d.PacketId)).Select(g => g.Last()).ToList();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in latest.Chunk(MultiRowSql.MaxRows))
        {
            var parameters = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                parameters.Add("session" + i, chunk[i].Session);
                parameters.Add("packet_id" + i, chunk[i].PacketId);
                parameters.Add("stamp_us" + i, UnixMicroseconds.From(chunk[i].Stamp));
                parameters.Add("payload_hash" + i, chunk[i].PayloadHash);
            }

            await connection.ExecuteAsync(new CommandDefinition(MultiRowSql.Expand(_save, chunk.Length), parameters, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<Delivery?> FindAsync(string session, int packetId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DeliveryRow>(new CommandDefinition(Find, new { session, packetId }, cancellationToken: cancellationToken));
        return row is null ? null : new Delivery(row.Session, (int)row.PacketId, UnixMicroseconds.ToTime(row.StampUs), row.PayloadHash);
    }

    private sealed class DeliveryRow
    {
        public string Session { get; set; } = string.Empty;

        public long PacketId { get; set; }

        public long StampUs { get; set; }

        public long PayloadHash { get; set; }
    }
}
