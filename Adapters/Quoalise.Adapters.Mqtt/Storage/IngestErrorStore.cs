using Dapper;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary><see cref="IIngestErrorStore"/> on the configured database, with Dapper. Thread-safe.</summary>
internal sealed class IngestErrorStore : IIngestErrorStore
{
    private const string Insert = "INSERT INTO mqtt_errors (time_us, type, topic, payload, detail) VALUES (@time_us, @type, @topic, @payload, @detail)";

    private const string Select = "SELECT time_us AS TimeUs, type AS Type, topic AS Topic, payload AS Payload, detail AS Detail FROM mqtt_errors";

    private const string ByTime = $"{Select} WHERE time_us >= @from AND time_us < @to ORDER BY time_us DESC, id DESC ";

    private const string ByTypeAndTime = $"{Select} WHERE type = @type AND time_us >= @from AND time_us < @to ORDER BY time_us DESC, id DESC ";

    private readonly IDatabase _database;

    public IngestErrorStore(IDatabase database) => _database = database;

    public async Task AddAsync(IReadOnlyList<IngestError> errors, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in errors.Chunk(MultiRowSql.MaxRows))
        {
            var parameters = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                var error = chunk[i];
                parameters.Add("time_us" + i, UnixMicroseconds.From(error.Time));
                parameters.Add("type" + i, error.Type);
                parameters.Add("topic" + i, error.Topic);
                parameters.Add("payload" + i, error.PayloadExcerpt);
                parameters.Add("detail" + i, error.Detail);
            }

            await connection.ExecuteAsync(new CommandDefinition(MultiRowSql.Expand(Insert, chunk.Length), parameters, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<IngestError>> QueryAsync(IngestErrorQuery query, CancellationToken cancellationToken)
    {
        var sql = (query.Type is null ? ByTime : ByTypeAndTime) + _database.Dialect.Limit("@limit");
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ErrorRow>(new CommandDefinition(sql, new
        {
            type = query.Type,
            from = UnixMicroseconds.From(query.From),
            to = UnixMicroseconds.From(query.To),
            limit = query.Limit,
        }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new IngestError(r.Type, r.Topic, r.Payload, r.Detail, UnixMicroseconds.ToTime(r.TimeUs)))];
    }

    private sealed class ErrorRow
    {
        public long TimeUs { get; set; }

        public string Type { get; set; } = string.Empty;

        public string Topic { get; set; } = string.Empty;

        public string Payload { get; set; } = string.Empty;

        public string Detail { get; set; } = string.Empty;
    }
}
