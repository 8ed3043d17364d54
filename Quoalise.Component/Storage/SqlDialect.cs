using Quoalise.Adapters.Storage;

namespace Quoalise.Component.Storage;

/// <summary>
/// The shared part of the three dialects: statements are built once here, and each engine supplies only
/// the clause it spells differently. Parameters are named after their column (<c>@column</c>), so a
/// Dapper argument object uses the column names. Stateless and thread-safe.
/// </summary>
internal abstract class SqlDialect : ISqlDialect
{
    public abstract SqlEngine Engine { get; }

    public string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> otherColumns) =>
        $"{InsertValues(table, [.. keyColumns, .. otherColumns])} {UpsertClause(keyColumns, otherColumns)}";

    public string InsertIgnore(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns) =>
        $"{InsertValues(table, columns)} {IgnoreClause(keyColumns)}";

    public string Limit(string limitParameter) => $"LIMIT {limitParameter}";

    /// <summary>What follows the rows of an insert so that an existing key gets the new non-key values.</summary>
    public abstract string UpsertClause(IReadOnlyList<string> keyColumns, IReadOnlyList<string> otherColumns);

    /// <summary>What follows the rows of an insert so that an existing key keeps its row.</summary>
    public abstract string IgnoreClause(IReadOnlyList<string> keyColumns);

    private static string InsertValues(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";
}
