using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Storage.Points;

/// <summary>
/// The points table, <c>core_points</c>: bulk upserts keyed on (series id, time in microseconds) and range
/// reads served by that primary key. Series are stored as the integer id of their <c>core_series</c> row
/// (docs/storage.md, "Points"), resolved here and cached, since ids never change. Thread-safe.
/// </summary>
internal sealed class PointStore : IPointStore, ISeriesReader
{
    // One identifier a statement: Dapper expands an IN list on two engines but sends an array to
    // PostgreSQL, and this runs only the first time a series is seen (ids are cached after).
    private const string SelectSeriesId = "SELECT id FROM core_series WHERE identifier = @identifier";

    // Keyset paging: the caller's After becomes the lower bound, so every page is one index range.
    private const string ReadRange =
        "SELECT time_us AS TimeUs, unit AS Unit, value_number AS Value, value_string AS StringValue, " +
        "value_boolean AS BooleanValue, value_data AS DataValue, value_sum AS Sum, update_time AS UpdateTime " +
        "FROM core_points " +
        "WHERE series_id = (SELECT id FROM core_series WHERE identifier = @identifier) " +
        "AND time_us >= @start_us AND time_us < @end_us " +
        "ORDER BY time_us";

    private readonly Database _database;
    private readonly string _insertSeriesKey;
    private readonly string _readRange;
    private readonly ConcurrentDictionary<string, int> _seriesIds = new(StringComparer.Ordinal);

    public PointStore(Database database)
    {
        _database = database;
        _insertSeriesKey = database.Dialect.InsertIgnore("core_series", ["identifier"], ["identifier"]);
        _readRange = ReadRangeQuery(database.Dialect);
    }

    /// <summary>The range query as run, for query-plan tests.</summary>
    public static string ReadRangeQuery(ISqlDialect dialect) => $"{ReadRange} {dialect.Limit("@limit")}";

    public async Task WriteBatchAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
        {
            return;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (ids, added) = await ResolveSeriesAsync(connection, transaction, points, cancellationToken);
        var rows = ToUniqueRows(points, ids);
        await _database.StorageEngine.PointWriter.WriteAsync(connection, transaction, rows, _database.CommandTimeoutSeconds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Only now: a rolled-back transaction would have taken the new ids with it.
        foreach (var name in added)
        {
            _seriesIds.TryAdd(name, ids[name]);
        }
    }

    public async Task<SeriesPage> ReadAsync(SeriesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var start = UnixMicroseconds.From(query.Start);
        if (query.After is { } after)
        {
            start = Math.Max(start, UnixMicroseconds.From(after) + 1);
        }

        var end = UnixMicroseconds.From(query.End);
        if (start >= end)
        {
            return new SeriesPage([], null);
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        // One row more than asked tells whether another page follows, without a count.
        var rows = (await connection.QueryAsync<StoredPoint>(new CommandDefinition(
            _readRange,
            new { identifier = query.Identifier, start_us = start, end_us = end, limit = query.Limit + 1 },
            commandTimeout: _database.CommandTimeoutSeconds,
            cancellationToken: cancellationToken))).AsList();
        var count = Math.Min(rows.Count, query.Limit);
        var points = new SenMLRecord[count];
        for (var i = 0; i < count; i++)
        {
            points[i] = rows[i].ToRecord(query.Identifier);
        }

        return new SeriesPage(points, rows.Count > query.Limit ? points[^1].Time : null);
    }

    private async Task<(Dictionary<string, int> Ids, List<string> Added)> ResolveSeriesAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            if (!seen.Add(point.Name))
            {
                continue;
            }

            if (_seriesIds.TryGetValue(point.Name, out var id))
            {
                ids[point.Name] = id;
            }
            else
            {
                missing.Add(point.Name);
            }
        }

        foreach (var name in missing)
        {
            var parameters = new { identifier = name };
            await connection.ExecuteAsync(new CommandDefinition(
                _insertSeriesKey, parameters, transaction, _database.CommandTimeoutSeconds, cancellationToken: cancellationToken));
            ids[name] = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                SelectSeriesId, parameters, transaction, _database.CommandTimeoutSeconds, cancellationToken: cancellationToken));
        }

        return (ids, missing);
    }

    // The last point wins when a batch holds the same (series, time) twice, as a later batch would;
    // PostgreSQL also refuses to update one row twice in a statement.
    private static List<PointRow> ToUniqueRows(IReadOnlyList<SenMLRecord> points, Dictionary<string, int> ids)
    {
        var rows = new List<PointRow>(points.Count);
        var positions = new Dictionary<(int, long), int>(points.Count);
        foreach (var point in points)
        {
            var row = new PointRow(ids[point.Name], UnixMicroseconds.From(point.Time), point);
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

    private sealed class StoredPoint
    {
        public long TimeUs { get; init; }

        public string? Unit { get; init; }

        public double? Value { get; init; }

        public string? StringValue { get; init; }

        public bool? BooleanValue { get; init; }

        public string? DataValue { get; init; }

        public double? Sum { get; init; }

        public double? UpdateTime { get; init; }

        public SenMLRecord ToRecord(string name) =>
            new(name, UnixMicroseconds.ToTime(TimeUs), Unit, Value, StringValue, BooleanValue, DataValue, Sum, UpdateTime);
    }
}
