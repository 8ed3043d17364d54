using System.Data.Common;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;
using Quoalise.Adapters.Storage;
using Quoalise.Testing.Servers;

namespace Quoalise.Load;

/// <summary>
/// The database one engine is measured on: a given connection string, or a throw-away one (a SQLite file in
/// a temp folder; MariaDB or PostgreSQL from the distribution on a free port, with durable default settings).
/// </summary>
internal sealed class StorageLoadTarget : IAsyncDisposable
{
    private readonly ServerProcess? _server;
    private readonly DirectoryInfo? _folder;

    private StorageLoadTarget(SqlEngine engine, string connectionString, ServerProcess? server, DirectoryInfo? folder)
    {
        Engine = engine;
        ConnectionString = connectionString;
        _server = server;
        _folder = folder;
    }

    public SqlEngine Engine { get; }

    public string ConnectionString { get; }

    public static async Task<StorageLoadTarget> CreateAsync(SqlEngine engine, StorageLoadOptions options)
    {
        if (options.ConnectionString is { } connectionString)
        {
            return new StorageLoadTarget(engine, connectionString, null, null);
        }

        switch (engine)
        {
            case SqlEngine.Sqlite:
                var folder = Directory.CreateTempSubdirectory("quoalise-load-");
                return new StorageLoadTarget(engine, $"Data Source={Path.Combine(folder.FullName, "quoalise.db")}", null, folder);
            case SqlEngine.MySql:
                var mariaDb = new MariaDbServer();
                await mariaDb.StartAsync();
                return new StorageLoadTarget(engine, mariaDb.ConnectionString(), mariaDb, null);
            default:
                var postgres = new PostgresServer(settings: options.PostgresSettings, hugePages: options.HugePages);
                await postgres.StartAsync();
                return new StorageLoadTarget(engine, postgres.ConnectionString(), postgres, null);
        }
    }

    /// <summary>The engine's own version string, for the record.</summary>
    public async Task<string> VersionAsync() => (string)(await ExecuteScalarAsync(Engine switch
    {
        SqlEngine.Sqlite => "SELECT 'SQLite ' || sqlite_version()",
        SqlEngine.MySql => "SELECT CONCAT('MariaDB/MySQL ', VERSION())",
        _ => "SELECT current_setting('server_version')",
    }))!;

    /// <summary>
    /// What the engine's own maintenance does soon after a bulk load (autovacuum, statistics): PostgreSQL's
    /// VACUUM sets the visibility map that index-only scans need.
    /// </summary>
    public Task SettleAsync() => ExecuteScalarAsync(Engine switch
    {
        SqlEngine.Sqlite => "ANALYZE",
        SqlEngine.MySql => "ANALYZE TABLE core_points",
        _ => "VACUUM (ANALYZE) core_points",
    });

    /// <summary>One statement on the target, straight through its driver (counts, checks).</summary>
    public async Task<object?> ExecuteScalarAsync(string sql)
    {
        await using DbConnection connection = Engine switch
        {
            SqlEngine.Sqlite => new SqliteConnection(ConnectionString),
            SqlEngine.MySql => new MySqlConnection(ConnectionString),
            _ => new NpgsqlConnection(ConnectionString),
        };
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            _folder.Delete(recursive: true);
        }
    }
}
