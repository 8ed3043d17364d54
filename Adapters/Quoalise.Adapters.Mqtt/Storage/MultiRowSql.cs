using System.Text;
using System.Text.RegularExpressions;

namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary>
/// Turns a one-row <c>INSERT … VALUES (@a, @b) …</c> (as <see cref="Adapters.Storage.ISqlDialect"/> writes them) into
/// one statement of many rows with parameters <c>@a0, @b0, @a1…</c>: one round trip per batch instead of one per
/// row, which is what lets the delivery journal keep up with tens of thousands of messages a second.
/// Stateless and thread-safe.
/// </summary>
internal static partial class MultiRowSql
{
    /// <summary>Rows per statement: 4 columns × 500 stays far below every engine's parameter limit.</summary>
    public const int MaxRows = 500;

    public static string Expand(string singleRow, int rows)
    {
        var match = ValuesGroup().Match(singleRow);
        if (!match.Success)
        {
            throw new FormatException($"Expected one 'VALUES (@…)' group in: {singleRow}");
        }

        var parameters = match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries);
        var values = new StringBuilder("VALUES ");
        for (var row = 0; row < rows; row++)
        {
            values.Append(row == 0 ? "(" : ", (");
            values.AppendJoin(", ", parameters.Select(p => p + row.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            values.Append(')');
        }

        return string.Concat(singleRow.AsSpan(0, match.Index), values.ToString(), singleRow.AsSpan(match.Index + match.Length));
    }

    [GeneratedRegex(@"VALUES \((@[A-Za-z_]+(?:,\s*@[A-Za-z_]+)*)\)")]
    private static partial Regex ValuesGroup();
}
