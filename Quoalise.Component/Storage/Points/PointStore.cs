using System.Collections.Concurrent;
using System.Data.Common;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Rows;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Storage.Points;

/// <summary>
/// The points table, <c>core_points</c>: bulk upserts keyed on (series id, time in microseconds) and range
/// reads served by that primary key. Series are stored as the integer id of their <c>core_series</c> row
/// (docs/storage.md, "Tables"), resolved here and cached, since ids never change. On SQLite batches go through
/// the <see cref="PointLog"/> first, and reads merge it in. Thread-safe, except that writes and merges come from one
/// loop (<see cref="SeriesWriter"/>).
/// </summary>
internal sealed class PointStore : IPointStore, ISeriesReader
{
    // New series' ids are looked up this many at a time, each identifier a parameter of an IN list.
    private const int SeriesLookupChunk = 500;

    private const string SeriesIdOfIdentifier = "(SELECT id FROM core_series WHERE identifier = @identifier)";

    // One primary-key range per page (SeriesQueryRange); columns are read by position in ReadAsync.
    private const string ReadRange =
        "SELECT time_us, unit, value_number, value_string, value_boolean, value_data, value_sum, update_time " +
        "FROM core_points " +
        $"WHERE series_id = {SeriesIdOfIdentifier} " +
        "AND time_us >= @start_us AND time_us < @end_us " +
        "ORDER BY time_us";

    private readonly Database _database;
    private readonly IRowWriter<string> _insertSeriesKeys;
    private readonly string _readRange;
    private readonly string? _readRangeWithLog;
    private readonly ConcurrentDictionary<string, int> _seriesIds = new(StringComparer.Ordinal);
    private readonly PointLog? _log;

    public PointStore(Database database, TimeProvider timeProvider)
    {
        _database = database;
        _insertSeriesKeys = database.StorageEngine.CreateRowWriter<string>(
            "core_series", ["identifier"], database.StorageEngine.Dialect.IgnoreClause(["identifier"]), static (identifier, _) => identifier);
        _readRange = ReadRangeQuery(database.Dialect);
        _log = database.StorageEngine.AppendsPointsToLog ? new PointLog(database, timeProvider) : null;
        _readRangeWithLog = _log is null ? null : ReadRangeWithLogQuery(database.Dialect);
    }

    public TimeSpan? MergeDueIn => _log?.MergeDueIn;

    /// <summary>The range query as run, for query-plan tests.</summary>
    public static string ReadRangeQuery(ISqlDialect dialect) => $"{ReadRange} {dialect.Limit("@limit")}";

    /// <summary>The range query when the points log holds points of the range (SQLite), for query-plan tests.</summary>
    public static string ReadRangeWithLogQuery(ISqlDialect dialect) => PointLog.ReadRange(SeriesIdOfIdentifier, dialect.Limit("@limit"));

    public Task<int> MergeStepAsync(CancellationToken cancellationToken) =>
        _log?.MergeStepAsync(cancellationToken) ?? Task.FromResult(0);

    public void AbandonMerge() => _log?.AbandonMerge();

    public bool OverlapsBatches => !_database.StorageEngine.OneConnectionAtATime;

    public async Task WriteBatchAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
        {
            return;
        }

        await using var batch = await BeginBatchAsync(points, cancellationToken);
        await batch.CommitAsync(cancellationToken);
    }

    public async Task<IOpenPointBatch> BeginBatchAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken);
        DbTransaction? transaction = null;
        try
        {
            var seriesIds = await ResolveSeriesAsync(connection, points, cancellationToken);
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            var rows = ToUniqueRows(points, seriesIds);
            await _database.StorageEngine.PointWriter.WriteAsync(connection, transaction, rows, _database.CommandTimeoutSeconds, cancellationToken);
            return new OpenBatch(this, connection, transaction, rows.Count);
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<SeriesPage> ReadAsync(SeriesQuery query, CancellationToken cancellationToken)
    {
        var range = SeriesQueryRange.Of(query);
        if (range.IsEmpty)
        {
            return new SeriesPage([], null);
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = _readRangeWithLog is not null && await PointLog.HoldsPointsOfAsync(connection, SeriesIdOfIdentifier, query.Identifier, range, _database.CommandTimeoutSeconds, cancellationToken)
            ? _readRangeWithLog
            : _readRange;

        command.CommandTimeout = _database.CommandTimeoutSeconds;
        AddParameter(command, "@identifier", query.Identifier);
        AddParameter(command, "@start_us", range.StartUs);
        AddParameter(command, "@end_us", range.EndUs);
        // One row more than asked tells whether another page follows, without a count.
        AddParameter(command, "@limit", query.Limit + 1);

        // Read by hand rather than through Dapper: a year of points is 17,520 rows, and this loop is the cost.
        var points = new List<SenMLRecord>(Math.Min(query.Limit + 1, 20_000));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                points.Add(new SenMLRecord(
                    query.Identifier,
                    UnixMicroseconds.ToTime(reader.GetInt64(0)),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetDouble(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetBoolean(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetDouble(6),
                    reader.IsDBNull(7) ? null : reader.GetDouble(7)));
            }
        }

        var more = points.Count > query.Limit;
        if (more)
        {
            points.RemoveAt(points.Count - 1);
        }

        return new SeriesPage(points, more ? points[^1].Time : null);
    }

    /// <summary>
    /// The series id of each point, by position; new series are inserted and committed first, in a transaction of
    /// their own, so that their rows' locks last one short transaction instead of the points batch (a batch in flight,
    /// or the series registrar of an adapter inserting the same series, would otherwise wait for the whole batch). A
    /// series row without points, left by a batch that then fails, is harmless: its points come with the retry.
    /// </summary>
    /// <remarks>One cache lookup a point: this loop runs for every point committed (docs/BENCHMARKS.md, MQTT).</remarks>
    private async Task<int[]> ResolveSeriesAsync(DbConnection connection, IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        var seriesIds = new int[points.Count];
        HashSet<string>? missing = null;
        for (var i = 0; i < seriesIds.Length; i++)
        {
            if (_seriesIds.TryGetValue(points[i].Name, out var id))
            {
                seriesIds[i] = id;
            }
            else
            {
                (missing ??= new HashSet<string>(StringComparer.Ordinal)).Add(points[i].Name);
            }
        }

        if (missing is null)
        {
            return seriesIds;
        }

        await InsertSeriesAsync(connection, missing, cancellationToken);
        for (var i = 0; i < seriesIds.Length; i++)
        {
            if (missing.Contains(points[i].Name))
            {
                seriesIds[i] = _seriesIds[points[i].Name];
            }
        }

        return seriesIds;
    }

    /// <summary>Inserts series not in the catalogue yet and caches the ids of all of <paramref name="identifiers"/>.</summary>
    private async Task InsertSeriesAsync(DbConnection connection, IEnumerable<string> identifiers, CancellationToken cancellationToken)
    {
        // All at once: 5,000 charge points coming online bring 45,000 new series, two round trips each before.
        // In identifier order, as the catalogue registers them: two writers of the same new series never wait on each other in a circle.
        var missing = identifiers.Order(StringComparer.Ordinal).ToList();
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await _insertSeriesKeys.WriteAsync(connection, transaction, missing, _database.CommandTimeoutSeconds, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var chunk in missing.Chunk(SeriesLookupChunk))
        {
            await using var command = connection.CreateCommand();
            command.CommandTimeout = _database.CommandTimeoutSeconds;
            command.CommandText =
                $"SELECT identifier, id FROM core_series WHERE identifier IN ({string.Join(", ", chunk.Select((_, i) => $"@identifier{i}"))})";
            for (var i = 0; i < chunk.Length; i++)
            {
                AddParameter(command, $"@identifier{i}", chunk[i]);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                _seriesIds.TryAdd(reader.GetString(0), reader.GetInt32(1));
            }
        }
    }

    // The last point wins when a batch holds the same (series, time) twice, as a later batch would;
    // PostgreSQL also refuses to update one row twice in a statement.
    private static List<PointRow> ToUniqueRows(IReadOnlyList<SenMLRecord> points, int[] seriesIds)
    {
        var rows = new List<PointRow>(points.Count);
        var positions = new Dictionary<(int, long), int>(points.Count);
        for (var i = 0; i < seriesIds.Length; i++)
        {
            var point = points[i];
            var row = new PointRow(seriesIds[i], UnixMicroseconds.From(point.Time), point);
            if (positions.TryGetValue((row.SeriesId, row.TimeUs), out var position))
            {
                rows[position] = row;
            }
            else
            {
                positions.Add((row.SeriesId, row.TimeUs), rows.Count);
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>A written batch whose transaction is open.</summary>
    private sealed class OpenBatch(PointStore store, DbConnection connection, DbTransaction transaction, int rows) : IOpenPointBatch
    {
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await transaction.CommitAsync(cancellationToken);
            store._log?.OnAppended(rows);
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
