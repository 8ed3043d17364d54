using System.Data.Common;
using System.Net.Sockets;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Migrations;
using Quoalise.Component.Storage.MySql;
using Quoalise.Component.Storage.Points;
using Quoalise.Component.Storage.Postgres;
using Quoalise.Component.Storage.Rows;
using Quoalise.Component.Storage.Sqlite;

namespace Quoalise.Component.Storage;

/// <summary>
/// Everything that differs between the database engines, in one place per engine: the driver, the SQL
/// dialect, the folder of migration scripts, the bulk point writer, the migration lock and which errors
/// are worth retrying. Stores and services hold one and never branch on the engine. Stateless and
/// thread-safe.
/// </summary>
internal abstract class StorageEngine
{
    private IRowWriter<PointRow>? _pointWriter;

    public abstract SqlEngine Engine { get; }

    public abstract SqlDialect Dialect { get; }

    /// <summary>The folder under a <see cref="MigrationSet.ResourceFolder"/> holding this engine's scripts.</summary>
    public abstract string ScriptFolder { get; }

    /// <summary>
    /// True when committed points go to <c>core_points_log</c> first and are merged into <c>core_points</c> by
    /// <see cref="PointLog"/>: for an engine that writes whole pages per transaction (SQLite).
    /// </summary>
    public virtual bool AppendsPointsToLog => false;

    /// <summary>
    /// How a batch of points is written (rows unique on series and time already): an upsert into <c>core_points</c>,
    /// or an append to the log when <see cref="AppendsPointsToLog"/>.
    /// </summary>
    public virtual IRowWriter<PointRow> PointWriter => _pointWriter ??= AppendsPointsToLog
        ? CreateRowWriter<PointRow>(PointLog.Table, PointColumns.All, string.Empty, PointColumns.ValueOf)
        : CreateRowWriter<PointRow>(PointColumns.Table, PointColumns.All, Dialect.UpsertClause(PointColumns.Key, PointColumns.Values), PointColumns.ValueOf);

    /// <summary>The engine's fastest insert of many rows; <paramref name="afterRows"/> follows them (an upsert or keep clause).</summary>
    public abstract IRowWriter<TRow> CreateRowWriter<TRow>(string table, IReadOnlyList<string> columns, string afterRows, ColumnValue<TRow> valueOf);

    /// <summary>True when the component must use one connection at a time (see <see cref="Database.OpenAsync"/>).</summary>
    public virtual bool OneConnectionAtATime => false;

    public static StorageEngine For(SqlEngine engine) => engine switch
    {
        SqlEngine.Sqlite => new SqliteEngine(),
        SqlEngine.MySql => new MySqlEngine(),
        SqlEngine.Postgres => new PostgresEngine(),
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown storage engine."),
    };

    public abstract DbDataSource CreateDataSource(StorageOptions options);

    /// <summary>
    /// The pool size a server engine's data source gets: the connection string's own when it names one, under any
    /// spelling the drivers accept (<c>Maximum Pool Size</c>, <c>MaxPoolSize</c>, and <c>Max Pool Size</c> on
    /// MySqlConnector), else <see cref="StorageOptions.MaxConnections"/>. Both drivers would otherwise grow to 100
    /// connections, as many as PostgreSQL's default <c>max_connections</c> allows all its clients together
    /// (docs/storage.md).
    /// </summary>
    protected static int PoolSizeFor(StorageOptions options, int configuredMaximum, int configuredMinimum)
    {
        var keys = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString }.Keys.Cast<string>();
        if (keys.Any(key => key.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant() is "maximumpoolsize" or "maxpoolsize"))
        {
            return configuredMaximum;
        }

        if (configuredMinimum > options.MaxConnections)
        {
            throw new InvalidOperationException(
                $"The connection string's Minimum Pool Size ({configuredMinimum}) is more than {StorageOptions.SectionName}:{nameof(StorageOptions.MaxConnections)} " +
                $"({options.MaxConnections}): lower the one or raise the other.");
        }

        return options.MaxConnections;
    }

    /// <summary>Where the data lives, for the start-up log: never a password.</summary>
    public abstract string Describe(DbDataSource dataSource);

    /// <summary>Per-connection settings, run on every open; <paramref name="firstOpen"/> once per database.</summary>
    public virtual Task PrepareConnectionAsync(DbConnection connection, bool firstOpen, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>
    /// Makes this connection the only migration runner on the database until the lease is disposed, so two
    /// instances starting together apply each step once.
    /// </summary>
    public abstract Task<MigrationLease> LockMigrationsAsync(DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// True when trying again later may succeed: the server is down or restarting, the network failed, a
    /// lock or deadlock got in the way. False for mistakes that a retry repeats (bad SQL, constraints).
    /// </summary>
    public bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true } or IOException or SocketException or TimeoutException || IsTransientForEngine(e))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Errors this engine's driver does not already flag with <see cref="DbException.IsTransient"/>.</summary>
    protected virtual bool IsTransientForEngine(Exception exception) => false;

    /// <summary>
    /// A lock held by the session: <paramref name="acquire"/> waits for it and returns 1 once held;
    /// <paramref name="release"/> gives it back when the lease is disposed.
    /// </summary>
    protected static async Task<MigrationLease> LockSessionAsync(
        DbConnection connection, string acquire, string release, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = acquire;
            // A little longer than the lock's own wait, so that the lock's answer (not the driver's timeout) decides.
            command.CommandTimeout = (int)timeout.TotalSeconds + 5;
            var held = await command.ExecuteScalarAsync(cancellationToken);
            if (Convert.ToInt64(held ?? 0L, System.Globalization.CultureInfo.InvariantCulture) != 1)
            {
                throw new TimeoutException($"Another instance held the migration lock for more than {timeout}.");
            }
        }

        return MigrationLease.OfSession(connection, async c =>
        {
            await using var command = c.CreateCommand();
            command.CommandText = release;
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        });
    }
}
