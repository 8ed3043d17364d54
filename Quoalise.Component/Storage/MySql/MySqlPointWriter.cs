using System.Data.Common;
using System.Text;
using Quoalise.Component.Storage.Points;

namespace Quoalise.Component.Storage.MySql;

/// <summary>
/// Multi-row <c>INSERT … ON DUPLICATE KEY UPDATE</c>, <see cref="RowsPerStatement"/> rows a statement:
/// one round trip and one parse per chunk instead of per row.
/// </summary>
internal sealed class MySqlPointWriter(SqlDialect dialect) : IPointBulkWriter
{
    /// <summary>About 100 kB of SQL a statement: far below max_allowed_packet (16 MB by default), large enough to amortise the round trip.</summary>
    public const int RowsPerStatement = 1_000;

    private readonly string _fullChunk = BuildInsert(dialect, RowsPerStatement);

    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PointRow> rows, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        var columns = PointColumns.All.Count;
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandTimeout = commandTimeoutSeconds;
            command.CommandText = count == RowsPerStatement ? _fullChunk : BuildInsert(dialect, count);
            for (var r = start; r < start + count; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var parameter = command.CreateParameter();
                    parameter.Value = PointColumns.ValueOf(rows[r], c);
                    command.Parameters.Add(parameter);
                }
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // Positional '?' placeholders: MySqlConnector binds them in order without a name lookup per value.
    private static string BuildInsert(SqlDialect dialect, int rows)
    {
        var row = "(" + string.Join(", ", Enumerable.Repeat("?", PointColumns.All.Count)) + ")";
        var sql = new StringBuilder()
            .Append("INSERT INTO ").Append(PointColumns.Table)
            .Append(" (").AppendJoin(", ", PointColumns.All).Append(") VALUES ")
            .AppendJoin(", ", Enumerable.Repeat(row, rows))
            .Append(' ').Append(dialect.UpsertClause(PointColumns.Key, PointColumns.Values));
        return sql.ToString();
    }
}
