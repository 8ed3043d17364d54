using System.Data.Common;

namespace Quoalise.Component.Storage.Points;

/// <summary>
/// One prepared single-row upsert executed per row inside the transaction: SQLite's fast path, since an
/// in-process engine pays no round trip per statement and re-uses the compiled statement.
/// </summary>
internal sealed class PreparedPointWriter(SqlDialect dialect) : IPointBulkWriter
{
    private readonly string _upsert = dialect.Upsert(PointColumns.Table, PointColumns.Key, PointColumns.Values);

    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PointRow> rows, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _upsert;
        command.CommandTimeout = commandTimeoutSeconds;
        var parameters = new DbParameter[PointColumns.All.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@" + PointColumns.All[i];
            command.Parameters.Add(parameters[i]);
        }

        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = PointColumns.ValueOf(row, i);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
