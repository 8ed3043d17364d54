using Quoalise.Adapters.Storage;

namespace Quoalise.Component.Storage.Postgres;

internal sealed class PostgresDialect : OnConflictSqlDialect
{
    public override SqlEngine Engine => SqlEngine.Postgres;
}
