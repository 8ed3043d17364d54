using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>
/// An insert-or-keep of many rows in one statement (one round trip instead of one per row), built from the
/// dialect's single-row statement: its rows part <c>VALUES (@a, @b)</c> is repeated with numbered parameters
/// (<c>@a_0</c>, <c>@a_1</c>…) and its conflict clause kept as the dialect spells it. Statements are cached per
/// row count. Thread-safe.
/// </summary>
internal sealed class MultiRowInsert
{
    private readonly string _head;
    private readonly string _conflict;
    private readonly IReadOnlyList<string> _columns;
    private readonly ConcurrentDictionary<int, string> _statements = new();

    public MultiRowInsert(ISqlDialect dialect, string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns)
    {
        _columns = columns;
        _head = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ";
        var single = dialect.InsertIgnore(table, columns, keyColumns);
        var values = $"({string.Join(", ", columns.Select(c => "@" + c))})";
        var rows = single.IndexOf(values, StringComparison.Ordinal);
        if (!single.StartsWith(_head, StringComparison.Ordinal) || rows < 0)
        {
            throw new InvalidOperationException($"The dialect's insert '{single}' is not of the form INSERT INTO … VALUES (@column, …) …; multi-row inserts cannot be built from it.");
        }

        _conflict = single[(rows + values.Length)..];
    }

    public static string Parameter(string column, int row) => string.Create(CultureInfo.InvariantCulture, $"{column}_{row}");

    /// <summary>The statement for <paramref name="rows"/> rows, parameters named by <see cref="Parameter"/>.</summary>
    public string For(int rows) => _statements.GetOrAdd(rows, count =>
    {
        var sql = new StringBuilder(_head);
        for (var row = 0; row < count; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            sql.AppendJoin(", ", _columns.Select(c => "@" + Parameter(c, row)));
            sql.Append(')');
        }

        return sql.Append(_conflict).ToString();
    });
}
