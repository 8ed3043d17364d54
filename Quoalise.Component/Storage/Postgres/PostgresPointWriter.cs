using System.Collections.Concurrent;
using System.Data.Common;
using Npgsql;
using Quoalise.Component.Storage.Points;
using Quoalise.Component.Storage.Rows;

namespace Quoalise.Component.Storage.Postgres;

/// <summary>
/// Writes a batch as <c>INSERT … SELECT FROM unnest(arrays)</c>: each column travels as one binary array parameter,
/// so the statement is parsed once whatever the batch size. A staging table filled by binary COPY was as fast alone,
/// but creating and dropping it every batch sends a catalogue invalidation to every other backend: with 5,000 charge
/// points the server spent half the machine on them (docs/BENCHMARKS.md, OCPP).
/// </summary>
/// <remarks>
/// New points are inserted plainly, inside a savepoint: <c>ON CONFLICT DO UPDATE</c> probes the primary key before
/// inserting and writes one more WAL record per row, and cost PostgreSQL a third more per point (docs/storage.md,
/// "Rewriting points"). When a point already exists the insert fails as a whole, is rolled back to the savepoint and
/// the batch is upserted instead, which also tells which series rewrote points. From then on their rows go straight
/// to the upsert: a series that rewrites once (an MQTT session's delivery receipts, a charger replaying its buffer)
/// usually goes on doing so. Learning only changes the cost, never the outcome: either path leaves the last write.
/// Thread-safe.
/// </remarks>
internal sealed class PostgresPointWriter : IRowWriter<PointRow>
{
    private const string Savepoint = "new_points";

    private readonly string _insert;
    private readonly string _upsert;
    private readonly ConcurrentDictionary<int, byte> _rewritingSeries = new();

    public PostgresPointWriter(SqlDialect dialect)
    {
        _insert =
            $"INSERT INTO {PointColumns.Table} ({string.Join(", ", PointColumns.All)}) " +
            "SELECT * FROM unnest($1::integer[], $2::bigint[], $3::varchar[], $4::double precision[], $5::text[], $6::boolean[], " +
            "$7::text[], $8::double precision[], $9::double precision[])";

        // xmax is set on a row version written by ON CONFLICT DO UPDATE and zero on a fresh insert: the usual way to
        // tell the two apart. Were that ever to change, series would only be learned again at the next rewrite.
        _upsert =
            $"WITH written AS ({_insert} {dialect.UpsertClause(PointColumns.Key, PointColumns.Values)} RETURNING series_id, xmax) " +
            "SELECT DISTINCT series_id FROM written WHERE xmax::text <> '0'";
    }

    /// <summary>How many series this writer sends straight to the upsert, for tests.</summary>
    internal int RewritingSeriesCount => _rewritingSeries.Count;

    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PointRow> rows, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        var npgsqlTransaction = (NpgsqlTransaction)transaction;
        var fresh = new List<PointRow>(rows.Count);
        var rewriting = new List<PointRow>();
        foreach (var row in rows)
        {
            (_rewritingSeries.ContainsKey(row.SeriesId) ? rewriting : fresh).Add(row);
        }

        if (fresh.Count > 0 && !await TryInsertAsync(npgsql, npgsqlTransaction, fresh, commandTimeoutSeconds, cancellationToken))
        {
            rewriting.AddRange(fresh);
        }

        if (rewriting.Count > 0)
        {
            await UpsertAsync(npgsql, npgsqlTransaction, rewriting, commandTimeoutSeconds, cancellationToken);
        }
    }

    /// <summary>Inserts rows none of which should exist yet: false, with nothing written, when one did.</summary>
    private async Task<bool> TryInsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<PointRow> rows, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        // The savepoint travels with the insert: one round trip.
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            Timeout = commandTimeoutSeconds,
            BatchCommands = { new NpgsqlBatchCommand($"SAVEPOINT {Savepoint}"), WithRows(new NpgsqlBatchCommand(_insert), rows) },
        };
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(Savepoint, cancellationToken);
            return false;
        }
    }

    private async Task UpsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<PointRow> rows, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            Timeout = commandTimeoutSeconds,
            BatchCommands = { WithRows(new NpgsqlBatchCommand(_upsert), rows) },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            _rewritingSeries.TryAdd(reader.GetInt32(0), 0);
        }
    }

    /// <summary>Binds <paramref name="rows"/> as one array per column, in <see cref="PointColumns.All"/> order.</summary>
    private static NpgsqlBatchCommand WithRows(NpgsqlBatchCommand command, List<PointRow> rows)
    {
        var count = rows.Count;
        var seriesIds = new int[count];
        var times = new long[count];
        var units = new string?[count];
        var numbers = new double?[count];
        var strings = new string?[count];
        var booleans = new bool?[count];
        var data = new string?[count];
        var sums = new double?[count];
        var updateTimes = new double?[count];
        for (var i = 0; i < count; i++)
        {
            var (seriesId, timeUs, point) = rows[i];
            seriesIds[i] = seriesId;
            times[i] = timeUs;
            units[i] = point.Unit;
            numbers[i] = point.Value;
            strings[i] = point.StringValue;
            booleans[i] = point.BooleanValue;
            data[i] = point.DataValue;
            sums[i] = point.Sum;
            updateTimes[i] = point.UpdateTime;
        }

        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = seriesIds });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = times });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = units });
        command.Parameters.Add(new NpgsqlParameter<double?[]> { TypedValue = numbers });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = strings });
        command.Parameters.Add(new NpgsqlParameter<bool?[]> { TypedValue = booleans });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = data });
        command.Parameters.Add(new NpgsqlParameter<double?[]> { TypedValue = sums });
        command.Parameters.Add(new NpgsqlParameter<double?[]> { TypedValue = updateTimes });
        return command;
    }
}
