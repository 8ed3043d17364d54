namespace Quoalise.Adapters.Storage;

/// <summary>
/// SQL that differs between engines. Everything else in a store is portable SQL with Dapper
/// parameters. Stateless and thread-safe.
/// </summary>
public interface ISqlDialect
{
    SqlEngine Engine { get; }

    /// <summary>
    /// An insert that replaces the non-key columns when a row with the same key exists:
    /// <c>ON CONFLICT … DO UPDATE</c> (SQLite, PostgreSQL) or <c>ON DUPLICATE KEY UPDATE</c> (MySQL).
    /// </summary>
    string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> otherColumns);

    /// <summary>An insert that silently keeps the existing row when the key exists.</summary>
    string InsertIgnore(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns);

    /// <summary>The clause that limits a query to <paramref name="limitParameter"/> rows, placed at its end.</summary>
    string Limit(string limitParameter);
}
