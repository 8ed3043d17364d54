using Quoalise.Adapters.Storage;

namespace Quoalise.IntegrationTests.Storage;

/// <summary>Takes a test database away and gives it back: a killed server, or for SQLite a lock held by another process.</summary>
internal abstract class Outage
{
    /// <summary>The connection string the component should use while this outage can happen.</summary>
    public abstract string ConnectionString { get; }

    public static async Task<Outage> ForAsync(TestDatabase database) => database.Engine switch
    {
        SqlEngine.Sqlite => new SqliteLockOutage(database),
        SqlEngine.MySql => new ServerOutage(await StorageServers.MariaDbAsync(), database),
        _ => new ServerOutage(await StorageServers.PostgresAsync(), database),
    };

    public abstract Task BeginAsync();

    public abstract Task EndAsync();
}
