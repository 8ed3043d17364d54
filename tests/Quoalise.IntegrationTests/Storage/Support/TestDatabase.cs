using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;

namespace Quoalise.IntegrationTests.Storage;

/// <summary>A database of its own for one fixture or test: a new SQLite file, or a new database on the shared server.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly Func<Task> _drop;

    private TestDatabase(SqlEngine engine, string connectionString, Func<Task> drop)
    {
        Engine = engine;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public SqlEngine Engine { get; }

    public string ConnectionString { get; }

    public string Provider => StorageProviders.NameOf(Engine);

    public static async Task<TestDatabase> CreateAsync(SqlEngine engine)
    {
        var name = "q_" + Guid.NewGuid().ToString("N")[..20];
        switch (engine)
        {
            case SqlEngine.Sqlite:
                var folder = Directory.CreateTempSubdirectory("quoalise-sqlite-");
                return new TestDatabase(engine, $"Data Source={Path.Combine(folder.FullName, "quoalise.db")}", () =>
                {
                    SqliteConnection.ClearAllPools();
                    folder.Delete(recursive: true);
                    return Task.CompletedTask;
                });
            case SqlEngine.MySql:
                var mariaDb = await StorageServers.MariaDbAsync();
                await ExecuteAsync(new MySqlConnection(mariaDb.ConnectionString()), $"CREATE DATABASE {name}");
                return new TestDatabase(engine, mariaDb.ConnectionString(name), () =>
                    ExecuteAsync(new MySqlConnection(mariaDb.ConnectionString()), $"DROP DATABASE IF EXISTS {name}"));
            case SqlEngine.Postgres:
                var postgres = await StorageServers.PostgresAsync();
                await ExecuteAsync(new NpgsqlConnection(postgres.ConnectionString()), $"CREATE DATABASE {name}");
                return new TestDatabase(engine, postgres.ConnectionString(name), () =>
                    ExecuteAsync(new NpgsqlConnection(postgres.ConnectionString()), $"DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            default:
                throw new ArgumentOutOfRangeException(nameof(engine), engine, null);
        }
    }

    /// <summary>
    /// Waits until the component has merged its points log into core_points (SQLite; the other engines write there
    /// directly), so that core_points alone holds every committed point.
    /// </summary>
    public async Task WaitUntilPointsMergedAsync()
    {
        if (Engine != SqlEngine.Sqlite)
        {
            return;
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        await using var connection = Connect();
        while (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM core_points_log") > 0)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the points log is merged within about two seconds of the last write");
            await Task.Delay(50);
        }
    }

    /// <summary>A connection straight to this database, bypassing the component: to check what it stored.</summary>
    public DbConnection Connect() => Engine switch
    {
        SqlEngine.Sqlite => new SqliteConnection(ConnectionString),
        SqlEngine.MySql => new MySqlConnection(ConnectionString),
        _ => new NpgsqlConnection(ConnectionString),
    };

    /// <summary>Forgets pooled connections, which a killed server has broken.</summary>
    public static void ClearPools()
    {
        MySqlConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync() => await _drop();

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using (connection)
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }
}
