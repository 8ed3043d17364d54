using System.Data.Common;
using Npgsql;
using Quoalise.Component.Storage.Points;
using Quoalise.Component.Storage.Rows;

namespace Quoalise.Component.Storage.Postgres;

/// <summary>
/// One <c>INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE</c> a batch: each column travels as one binary
/// array parameter, so the statement is parsed once whatever the batch size. A staging table filled by binary COPY
/// was as fast alone, but creating and dropping it every batch sends a catalogue invalidation to every other
/// backend: with 5,000 charge points the server spent half the machine on them (docs/BENCHMARKS.md, OCPP).
/// </summary>
internal sealed class PostgresPointWriter(SqlDialect dialect) : IRowWriter<PointRow>
{
    private readonly string _upsert =
        $"INSERT INTO {PointColumns.Table} ({string.Join(", ", PointColumns.All)}) " +
        "SELECT * FROM unnest($1::integer[], $2::bigint[], $3::varchar[], $4::double precision[], $5::text[], $6::boolean[], " +
        "$7::text[], $8::double precision[], $9::double precision[]) " +
        dialect.UpsertClause(PointColumns.Key, PointColumns.Values);

    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PointRow> rows, int commandTimeoutSeconds, CancellationToken cancellationToken)
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

        await using var command = new NpgsqlCommand(_upsert, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction)
        {
            CommandTimeout = commandTimeoutSeconds,
            Parameters =
            {
                new NpgsqlParameter<int[]> { TypedValue = seriesIds },
                new NpgsqlParameter<long[]> { TypedValue = times },
                new NpgsqlParameter<string?[]> { TypedValue = units },
                new NpgsqlParameter<double?[]> { TypedValue = numbers },
                new NpgsqlParameter<string?[]> { TypedValue = strings },
                new NpgsqlParameter<bool?[]> { TypedValue = booleans },
                new NpgsqlParameter<string?[]> { TypedValue = data },
                new NpgsqlParameter<double?[]> { TypedValue = sums },
                new NpgsqlParameter<double?[]> { TypedValue = updateTimes },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
