using Quoalise.Testing.Servers;

namespace Quoalise.IntegrationTests.Storage;

/// <summary>Kills the server as a crash would (SIGKILL), then starts it again on the same port and data.</summary>
internal sealed class ServerOutage(ServerProcess server, TestDatabase database) : Outage
{
    public override string ConnectionString => database.ConnectionString;

    public override Task BeginAsync() => server.KillAsync();

    public override async Task EndAsync()
    {
        await server.StartAsync();
        // Other fixtures share this server: their pooled connections died with it.
        TestDatabase.ClearPools();
    }
}
