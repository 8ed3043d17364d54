using System.Data.Common;
using Npgsql;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Migrations;
using Quoalise.Component.Storage.Points;
using Quoalise.Component.Storage.Rows;

namespace Quoalise.Component.Storage.Postgres;

/// <summary>PostgreSQL through Npgsql, whose <see cref="NpgsqlException.IsTransient"/> already covers restarts and lost connections.</summary>
internal sealed class PostgresEngine : StorageEngine
{
    // Any constant works; advisory locks are scoped to the current database. "Quoalise" in ASCII.
    private const long MigrationLockKey = 0x51756F616C697365;

    // Statements kept prepared per connection, unless the connection string sets Max Auto Prepare.
    private const int AutoPreparedStatements = 100;

    private static readonly PostgresDialect PostgresDialect = new();

    public override SqlEngine Engine => SqlEngine.Postgres;

    public override SqlDialect Dialect => PostgresDialect;

    public override string ScriptFolder => "postgres";

    public override IRowWriter<PointRow> PointWriter { get; } = new PostgresPointWriter(PostgresDialect);

    public override IRowWriter<TRow> CreateRowWriter<TRow>(string table, IReadOnlyList<string> columns, string afterRows, ColumnValue<TRow> valueOf) =>
        new MultiRowWriter<TRow>(table, columns, afterRows, static position => "$" + (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), valueOf);

    /// <summary>
    /// With Npgsql's automatic preparation on: a statement run five times on a connection is prepared there, and PostgreSQL
    /// no longer parses and plans it each time. Adapters' small writes and lookups (a charge point's status, a transaction's
    /// stop) are mostly that cost (docs/storage.md, "PostgreSQL connections"). The pool is capped by <see cref="PoolSizeFor"/>.
    /// </summary>
    public override DbDataSource CreateDataSource(StorageOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        builder.MaxPoolSize = PoolSizeFor(options, builder.MaxPoolSize, builder.MinPoolSize);

        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override string Describe(DbDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    // pg_advisory_lock waits without limit; the command timeout bounds the wait.
    public override Task<MigrationLease> LockMigrationsAsync(DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken) =>
        LockSessionAsync(
            connection,
            $"SELECT 1 FROM pg_advisory_lock({MigrationLockKey})",
            $"SELECT pg_advisory_unlock({MigrationLockKey})",
            timeout,
            cancellationToken);
}
