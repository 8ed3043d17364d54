using System.Data.Common;
using Dapper;

namespace Quoalise.Component.Storage.Points;

/// <summary>
/// Where an engine with <see cref="StorageEngine.AppendsPointsToLog"/> (SQLite) keeps points between their commit and
/// their place in <c>core_points</c>. Batches are appended to <c>core_points_log</c>, a rowid table whose new rows
/// fill a few pages at its end, and merged into <c>core_points</c> later in (series, time) order, so that a series'
/// leaf page is rewritten once for all its points of the last two seconds. Why: SQLite writes every page a transaction
/// touched whole into the WAL, and a batch of readings from many devices held one point per series, so one 16 KB page
/// per point: ingest stalled at 21,000 readings/s (docs/BENCHMARKS.md, docs/storage.md "The points log").
/// </summary>
/// <remarks>
/// A merge takes the log as it stands (rows up to its highest id) and moves it in slices of at most
/// <see cref="SeriesPerSlice"/> series, one short transaction each, so the writer loop can commit new batches in
/// between: one big transaction would stall every acknowledgement behind it. The last slice deletes the merged rows.
/// After each batch the writer merges at least as many rows as the batch brought, so the log, which every slice scans,
/// stays bounded whatever the rate of ingest. Reads (<see cref="ReadRange"/>) take a point from the log when it is there, the newest by id, else from
/// <c>core_points</c>: the last write of a (series, time) wins, as with the other engines' upsert, and a slice merged
/// before the crash of its merge is simply merged again. Not thread-safe: only the <see cref="SeriesWriter"/> loop
/// appends and merges.
/// </remarks>
internal sealed class PointLog
{
    public const string Table = "core_points_log";

    // Merge every two seconds, or sooner once this many rows wait: each series' page is rewritten once for all its
    // points of that time (one second instead of two: 6% less MQTT ingest). The log has no index (one would bring back
    // a page per series), so reads scan it: about 4 ms with 100,000 rows, against 0.4 ms for the range alone.
    private const long MergeRows = 100_000;
    private static readonly TimeSpan MergeAge = TimeSpan.FromSeconds(2);

    // About one page per series, 30 µs a page at commit and 1.5 µs a row: a slice of sparse series (OCPP) holds the
    // only connection for about 6 ms, which is what an acknowledgement or a read may wait behind it. Each slice scans
    // the log once (it has no index), so slices are not made smaller than this many rows.
    private const int SeriesPerSlice = 200;
    private const int RowsPerSlice = 20_000;

    private static readonly string Columns = string.Join(", ", PointColumns.All);
    private static readonly string ValueColumns = string.Join(", ", PointColumns.Values);

    private readonly Database _database;
    private readonly TimeProvider _time;
    private readonly string _mergeSlice;
    private readonly Queue<(int FromSeries, int ToSeries)> _slices = new();

    // Counted from this start on: a merge takes the whole log, so the first one also adopts what a crash left there
    // (readable meanwhile). Not merged at start, when the schema may not exist yet (Storage:ApplyMigrations off).
    private long _unmergedRows;
    private long _oldestUnmergedAt;
    private long _mergingUpToId;
    private long? _failedAt;

    public PointLog(Database database, TimeProvider time)
    {
        _database = database;
        _time = time;
        _mergeSlice =
            $"INSERT INTO {PointColumns.Table} ({Columns}) SELECT {Columns} FROM {Table} " +
            "WHERE id <= @last AND series_id BETWEEN @from AND @to ORDER BY series_id, time_us, id " +
            database.StorageEngine.Dialect.UpsertClause(PointColumns.Key, PointColumns.Values);
    }

    /// <summary>
    /// True when the log holds points of this range: only then does a read need <see cref="ReadRange"/>, whose
    /// exclusion of logged times costs about a microsecond a row (26 → 45 ms for a year of 30-minute points). The
    /// caller holds SQLite's only connection, so no merge runs between this check and the read.
    /// </summary>
    public static async Task<bool> HoldsPointsOfAsync(
        DbConnection connection, string seriesId, string identifier, SeriesQueryRange range, int commandTimeoutSeconds, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT 1 FROM {Table} WHERE series_id = {seriesId} AND time_us >= @start_us AND time_us < @end_us LIMIT 1",
            new { identifier, start_us = range.StartUs, end_us = range.EndUs },
            commandTimeout: commandTimeoutSeconds,
            cancellationToken: cancellationToken)) is not null;

    /// <summary>
    /// A range of one series, oldest first, as <c>core_points</c> and the log hold it together: a logged point
    /// replaces the stored one of the same time, and of two logged ones the later wins.
    /// </summary>
    public static string ReadRange(string seriesId, string limit) =>
        $"WITH logged AS MATERIALIZED (SELECT id, time_us, {ValueColumns} FROM {Table} " +
        $"WHERE series_id = {seriesId} AND time_us >= @start_us AND time_us < @end_us), " +
        $"newest AS (SELECT time_us, {ValueColumns}, ROW_NUMBER() OVER (PARTITION BY time_us ORDER BY id DESC) AS rank FROM logged) " +
        $"SELECT time_us, {ValueColumns} FROM {PointColumns.Table} " +
        $"WHERE series_id = {seriesId} AND time_us >= @start_us AND time_us < @end_us " +
        "AND time_us NOT IN (SELECT time_us FROM logged) " +
        $"UNION ALL SELECT time_us, {ValueColumns} FROM newest WHERE rank = 1 " +
        $"ORDER BY time_us {limit}";

    /// <summary>How long until <see cref="MergeStepAsync"/> is due: zero for now, null while the log is empty.</summary>
    public TimeSpan? MergeDueIn
    {
        get
        {
            // A merge that fails for good must not spin: the next attempt waits as long as a log fills.
            if (_failedAt is { } failed && MergeAge - _time.GetElapsedTime(failed) is var wait && wait > TimeSpan.Zero)
            {
                return wait;
            }

            if (_slices.Count > 0 || _unmergedRows >= MergeRows)
            {
                return TimeSpan.Zero;
            }

            if (_unmergedRows == 0)
            {
                return null;
            }

            var due = MergeAge - _time.GetElapsedTime(_oldestUnmergedAt);
            return due > TimeSpan.Zero ? due : TimeSpan.Zero;
        }
    }

    /// <summary>Counts rows just committed to the log.</summary>
    public void OnAppended(int rows)
    {
        if (_unmergedRows == 0)
        {
            _oldestUnmergedAt = _time.GetTimestamp();
        }

        _unmergedRows += rows;
    }

    /// <summary>Starts a merge of the whole log or continues one: one slice, in one transaction.</summary>
    /// <returns>The rows merged.</returns>
    public async Task<int> MergeStepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        if (_slices.Count == 0 && !await PlanMergeAsync(connection, cancellationToken))
        {
            return 0;
        }

        var (from, to) = _slices.Peek();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new { last = _mergingUpToId, from, to };
        var merged = await connection.ExecuteAsync(new CommandDefinition(
            _mergeSlice, parameters, transaction, _database.CommandTimeoutSeconds, cancellationToken: cancellationToken));
        if (_slices.Count == 1)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {Table} WHERE id <= @last", parameters, transaction, _database.CommandTimeoutSeconds, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        _slices.Dequeue();
        _failedAt = null;
        return merged;
    }

    /// <summary>Forgets a merge that failed: the next one takes the whole log again, and a slice merged twice changes nothing.</summary>
    public void AbandonMerge()
    {
        _slices.Clear();
        _failedAt = _time.GetTimestamp();
        // Still waiting, whatever the count was: due again once the wait above is over.
        _unmergedRows = Math.Max(_unmergedRows, MergeRows);
    }

    private async Task<bool> PlanMergeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Rows appended from now on belong to the next merge.
        _unmergedRows = 0;
        var last = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT MAX(id) FROM {Table}", commandTimeout: _database.CommandTimeoutSeconds, cancellationToken: cancellationToken));
        if (last is not { } upTo)
        {
            return false;
        }

        var perSeries = await connection.QueryAsync<(int SeriesId, long Rows)>(new CommandDefinition(
            $"SELECT series_id, COUNT(*) FROM {Table} WHERE id <= @upTo GROUP BY series_id ORDER BY series_id",
            new { upTo }, commandTimeout: _database.CommandTimeoutSeconds, cancellationToken: cancellationToken));
        int? from = null;
        var to = 0;
        var series = 0;
        long rows = 0;
        foreach (var (seriesId, count) in perSeries)
        {
            if (from is { } start && (series == SeriesPerSlice || rows + count > RowsPerSlice))
            {
                _slices.Enqueue((start, to));
                from = null;
                series = 0;
                rows = 0;
            }

            from ??= seriesId;
            to = seriesId;
            series++;
            rows += count;
        }

        _slices.Enqueue((from!.Value, to));
        _mergingUpToId = upTo;
        return true;
    }
}
