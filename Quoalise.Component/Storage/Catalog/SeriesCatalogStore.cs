using System.Text.Json;
using Dapper;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Rows;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Storage.Catalog;

/// <summary>
/// The series catalogue, <c>core_series</c>. A row also exists, without an owner, for a series whose points
/// arrived before anyone registered it (its id keys the points); such rows are not listed until
/// registered. Thread-safe.
/// </summary>
internal sealed class SeriesCatalogStore : ISeriesCatalog
{
    private const string Columns =
        "identifier AS Identifier, adapter AS Adapter, meta AS Meta, description AS Description";

    private const string Find = $"SELECT {Columns} FROM core_series WHERE identifier = @identifier AND adapter IS NOT NULL";

    private const string ListAll = $"SELECT {Columns} FROM core_series WHERE adapter IS NOT NULL ORDER BY identifier";

    private const string ListByAdapter = $"SELECT {Columns} FROM core_series WHERE adapter = @adapter ORDER BY identifier";

    private readonly Database _database;
    private readonly IRowWriter<SeriesDefinition> _register;

    public SeriesCatalogStore(Database database)
    {
        _database = database;
        _register = database.StorageEngine.CreateRowWriter<SeriesDefinition>(
            "core_series",
            ["identifier", "adapter", "meta", "description"],
            database.StorageEngine.Dialect.UpsertClause(["identifier"], ["adapter", "meta", "description"]),
            ColumnOf);
    }

    public async Task RegisterAsync(IReadOnlyList<SeriesDefinition> series, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        foreach (var one in series)
        {
            SeriesDefinition.Validate(one);
        }

        if (series.Count == 0)
        {
            return;
        }

        // The last registration of an identifier wins, as in separate calls; PostgreSQL refuses to upsert one row twice a statement.
        // In identifier order, as the points' new series are inserted (PointStore): no deadlock between the two.
        var rows = series.GroupBy(s => s.Identifier, StringComparer.Ordinal).Select(g => g.Last()).OrderBy(s => s.Identifier, StringComparer.Ordinal).ToList();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await _register.WriteAsync(connection, transaction, rows, _database.CommandTimeoutSeconds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<SeriesDefinition?> FindAsync(string identifier, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SeriesRow>(Command(Find, new { identifier }, cancellationToken));
        return row?.ToDefinition();
    }

    public async Task<IReadOnlyList<SeriesDefinition>> ListAsync(string? adapter, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = adapter is null
            ? await connection.QueryAsync<SeriesRow>(Command(ListAll, null, cancellationToken))
            : await connection.QueryAsync<SeriesRow>(Command(ListByAdapter, new { adapter }, cancellationToken));
        return [.. rows.Select(r => r.ToDefinition())];
    }

    private static object ColumnOf(SeriesDefinition series, int column) => column switch
    {
        0 => series.Identifier,
        1 => series.Adapter,
        2 => JsonSerializer.Serialize(series.Meta, StorageJsonContext.Default.QuoaliseMeta),
        _ => (object?)series.Description ?? DBNull.Value,
    };

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, commandTimeout: _database.CommandTimeoutSeconds, cancellationToken: cancellationToken);

    private sealed class SeriesRow
    {
        public string Identifier { get; init; } = string.Empty;

        public string Adapter { get; init; } = string.Empty;

        public string? Meta { get; init; }

        public string? Description { get; init; }

        public SeriesDefinition ToDefinition() => new(
            Identifier,
            Adapter,
            Meta is null ? QuoaliseMeta.Empty : JsonSerializer.Deserialize(Meta, StorageJsonContext.Default.QuoaliseMeta) ?? QuoaliseMeta.Empty,
            Description);
    }
}
