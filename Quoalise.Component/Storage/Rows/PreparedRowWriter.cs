using System.Data.Common;

namespace Quoalise.Component.Storage.Rows;

/// <summary>
/// One prepared single-row statement executed per row: SQLite's fast path, since an in-process engine pays no
/// round trip per statement and re-uses the compiled statement, and each value is bound once by a short name.
/// </summary>
internal sealed class PreparedRowWriter<TRow>(string table, IReadOnlyList<string> columns, string afterRows, ColumnValue<TRow> valueOf)
    : IRowWriter<TRow>
{
    private readonly string _insert =
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))}) {afterRows}";

    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<TRow> rows, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _insert;
        command.CommandTimeout = commandTimeoutSeconds;
        var parameters = new DbParameter[columns.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@p" + i;
            command.Parameters.Add(parameters[i]);
        }

        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = valueOf(row, i);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
