using System.Data.Common;
using System.Text;

namespace Quoalise.Component.Storage.Rows;

/// <summary>
/// Multi-row <c>INSERT</c>s with positional parameters, up to <see cref="MaxRowsPerStatement"/> rows a statement:
/// one round trip and one parse per chunk instead of per row, and the driver binds values in order, without a
/// name lookup per value (MariaDB/MySQL <c>?</c>, PostgreSQL <c>$n</c>).
/// </summary>
internal sealed class MultiRowWriter<TRow> : IRowWriter<TRow>
{
    /// <summary>About 100 kB of SQL a statement: far below MySQL's max_allowed_packet (16 MB), large enough to amortise the round trip.</summary>
    public const int MaxRowsPerStatement = 1_000;

    // PostgreSQL takes at most 65,535 parameters a statement; kept well under it for wide tables.
    private const int MaxParametersPerStatement = 30_000;

    private readonly string _table;
    private readonly IReadOnlyList<string> _columns;
    private readonly string _afterRows;
    private readonly Func<int, string> _placeholder;
    private readonly ColumnValue<TRow> _valueOf;
    private readonly int _rowsPerStatement;
    private readonly string _fullChunk;

    /// <param name="placeholder">The text of the parameter at a zero-based position in the statement.</param>
    public MultiRowWriter(string table, IReadOnlyList<string> columns, string afterRows, Func<int, string> placeholder, ColumnValue<TRow> valueOf)
    {
        _table = table;
        _columns = columns;
        _afterRows = afterRows;
        _placeholder = placeholder;
        _valueOf = valueOf;
        _rowsPerStatement = Math.Clamp(MaxParametersPerStatement / columns.Count, 1, MaxRowsPerStatement);
        _fullChunk = Insert(_rowsPerStatement);
    }

    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<TRow> rows, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        for (var start = 0; start < rows.Count; start += _rowsPerStatement)
        {
            var count = Math.Min(_rowsPerStatement, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandTimeout = commandTimeoutSeconds;
            command.CommandText = count == _rowsPerStatement ? _fullChunk : Insert(count);
            for (var r = start; r < start + count; r++)
            {
                for (var c = 0; c < _columns.Count; c++)
                {
                    var parameter = command.CreateParameter();
                    parameter.Value = _valueOf(rows[r], c);
                    command.Parameters.Add(parameter);
                }
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private string Insert(int rows)
    {
        var sql = new StringBuilder().Append("INSERT INTO ").Append(_table).Append(" (").AppendJoin(", ", _columns).Append(") VALUES ");
        var position = 0;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Count; c++)
            {
                sql.Append(c == 0 ? string.Empty : ", ").Append(_placeholder(position++));
            }

            sql.Append(')');
        }

        return sql.Append(' ').Append(_afterRows).ToString();
    }
}
