using System.Data.Common;
using MySqlConnector;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Migrations;
using Quoalise.Component.Storage.Rows;

namespace Quoalise.Component.Storage.MySql;

/// <summary>MariaDB and MySQL through MySqlConnector.</summary>
internal sealed class MySqlEngine : StorageEngine
{
    // MariaDB's ER_CONNECTION_KILLED, sent to sessions when the server shuts down; not in MySqlErrorCode.
    private const int ConnectionKilled = 1927;

    // GET_LOCK names are server-wide: the database name keeps two databases on one server apart
    // (hashed, as lock names stop at 64 characters).
    private const string LockName = "CONCAT('quoalise_migrations_', MD5(DATABASE()))";

    private static readonly MySqlDialect MySqlDialect = new();

    public override SqlEngine Engine => SqlEngine.MySql;

    public override SqlDialect Dialect => MySqlDialect;

    public override string ScriptFolder => "mysql";

    public override IRowWriter<TRow> CreateRowWriter<TRow>(string table, IReadOnlyList<string> columns, string afterRows, ColumnValue<TRow> valueOf) =>
        new MultiRowWriter<TRow>(table, columns, afterRows, static _ => "?", valueOf);

    public override DbDataSource CreateDataSource(StorageOptions options)
    {
        // Affected rows, not found rows: an upsert that changes nothing then counts 0, as on SQLite and
        // PostgreSQL, which is how insert-ignore tells "already there".
        var builder = new MySqlConnectionStringBuilder(options.ConnectionString!) { UseAffectedRows = true };
        builder.MaximumPoolSize = (uint)PoolSizeFor(options, (int)builder.MaximumPoolSize, (int)builder.MinimumPoolSize);
        return new MySqlDataSource(builder.ConnectionString);
    }

    public override string Describe(DbDataSource dataSource)
    {
        var builder = new MySqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{builder.Server}:{builder.Port}/{builder.Database}";
    }

    public override Task<MigrationLease> LockMigrationsAsync(DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken) =>
        LockSessionAsync(
            connection,
            $"SELECT GET_LOCK({LockName}, {(int)timeout.TotalSeconds})",
            $"SELECT RELEASE_LOCK({LockName})",
            timeout,
            cancellationToken);

    protected override bool IsTransientForEngine(Exception exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.ServerShutdown or MySqlErrorCode.QueryInterrupted or MySqlErrorCode.CommandTimeoutExpired }
            or MySqlException { Number: ConnectionKilled };
}
