using Quoalise.Testing.Servers;

namespace Quoalise.IntegrationTests.Storage;

/// <summary>
/// The MariaDB and PostgreSQL of this test run: each started on first use, on a free loopback port with a
/// throw-away data folder, shared by every storage fixture (each uses its own database), stopped at the end.
/// </summary>
[SetUpFixture]
public sealed class StorageServers
{
    // Not durable: a killed server keeps what it committed (the outage test needs that), a power cut would not.
    private static readonly Lazy<Task<MariaDbServer>> MariaDb = new(() => StartAsync(new MariaDbServer(durable: false)));
    private static readonly Lazy<Task<PostgresServer>> Postgres = new(() => StartAsync(new PostgresServer(durable: false)));

    public static Task<MariaDbServer> MariaDbAsync() => MariaDb.Value;

    public static Task<PostgresServer> PostgresAsync() => Postgres.Value;

    [OneTimeTearDown]
    public async Task StopServersAsync()
    {
        if (MariaDb.IsValueCreated && MariaDb.Value.IsCompletedSuccessfully)
        {
            await MariaDb.Value.Result.DisposeAsync();
        }

        if (Postgres.IsValueCreated && Postgres.Value.IsCompletedSuccessfully)
        {
            await Postgres.Value.Result.DisposeAsync();
        }
    }

    private static async Task<T> StartAsync<T>(T server)
        where T : ServerProcess
    {
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
