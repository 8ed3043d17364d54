using Quoalise.Adapters.Storage;

namespace Quoalise.Component.Storage.MySql;

/// <summary>
/// MariaDB and MySQL. <c>VALUES(column)</c> is the spelling both accept (MySQL 8.0.20+ prefers a row
/// alias, which MariaDB lacks). Keeping a row is a no-op update rather than <c>INSERT IGNORE</c>, which
/// would also turn real errors (truncation, bad values) into warnings.
/// </summary>
internal sealed class MySqlDialect : SqlDialect
{
    public override SqlEngine Engine => SqlEngine.MySql;

    public override string UpsertClause(IReadOnlyList<string> keyColumns, IReadOnlyList<string> otherColumns) =>
        $"ON DUPLICATE KEY UPDATE {string.Join(", ", otherColumns.Select(c => $"{c} = VALUES({c})"))}";

    public override string IgnoreClause(IReadOnlyList<string> keyColumns) =>
        $"ON DUPLICATE KEY UPDATE {keyColumns[0]} = {keyColumns[0]}";
}
