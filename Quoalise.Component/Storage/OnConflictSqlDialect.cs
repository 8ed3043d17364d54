namespace Quoalise.Component.Storage;

/// <summary>The standard <c>ON CONFLICT</c> spelling shared by SQLite (3.24+) and PostgreSQL (9.5+).</summary>
internal abstract class OnConflictSqlDialect : SqlDialect
{
    public override string UpsertClause(IReadOnlyList<string> keyColumns, IReadOnlyList<string> otherColumns) =>
        $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO UPDATE SET {string.Join(", ", otherColumns.Select(c => $"{c} = excluded.{c}"))}";

    public override string IgnoreClause(IReadOnlyList<string> keyColumns) =>
        $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO NOTHING";
}
