using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Quoalise.Component.Storage.Points;
using Quoalise.Component.Storage.Rows;

namespace Quoalise.Component.Storage.Postgres;

/// <summary>
/// Binary COPY into a transaction-scoped staging table, then one <c>INSERT … SELECT … ON CONFLICT DO
/// UPDATE</c>: COPY is PostgreSQL's fastest load path, but cannot upsert by itself.
/// </summary>
internal sealed class PostgresPointWriter(SqlDialect dialect) : IRowWriter<PointRow>
{
    private const string Staging = "core_points_staging";

    private static readonly string Columns = string.Join(", ", PointColumns.All);

    // ON COMMIT DROP: the table lives for this batch only, so pooled connections never see an old one.
    private static readonly string CreateStaging =
        $"CREATE TEMP TABLE {Staging} (LIKE {PointColumns.Table}) ON COMMIT DROP";

    private static readonly string Copy = $"COPY {Staging} ({Columns}) FROM STDIN (FORMAT BINARY)";

    private readonly string _merge =
        $"INSERT INTO {PointColumns.Table} ({Columns}) SELECT {Columns} FROM {Staging} {dialect.UpsertClause(PointColumns.Key, PointColumns.Values)}";

    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PointRow> rows, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        await ExecuteAsync(npgsql, CreateStaging, commandTimeoutSeconds, cancellationToken);

        await using (var importer = await npgsql.BeginBinaryImportAsync(Copy, cancellationToken))
        {
            importer.Timeout = TimeSpan.FromSeconds(commandTimeoutSeconds);
            foreach (var row in rows)
            {
                var point = row.Point;
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(row.SeriesId, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(row.TimeUs, NpgsqlDbType.Bigint, cancellationToken);
                await WriteNullableAsync(importer, point.Unit, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, point.Value, NpgsqlDbType.Double, cancellationToken);
                await WriteNullableAsync(importer, point.StringValue, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(importer, point.BooleanValue, NpgsqlDbType.Boolean, cancellationToken);
                await WriteNullableAsync(importer, point.DataValue, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(importer, point.Sum, NpgsqlDbType.Double, cancellationToken);
                await WriteNullableAsync(importer, point.UpdateTime, NpgsqlDbType.Double, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(npgsql, _merge, commandTimeoutSeconds, cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = commandTimeoutSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : class =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } v ? importer.WriteAsync(v, type, cancellationToken) : importer.WriteNullAsync(cancellationToken);
}
