using Quoalise.Adapters.Storage;

namespace Quoalise.Component.Storage.Sqlite;

internal sealed class SqliteDialect : OnConflictSqlDialect
{
    public override SqlEngine Engine => SqlEngine.Sqlite;
}
