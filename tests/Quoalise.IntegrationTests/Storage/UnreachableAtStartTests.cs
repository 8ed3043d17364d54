using Microsoft.Extensions.Hosting;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;
using Quoalise.Component.Storage.Health;
using Quoalise.Protocol.Quoalise;
using Quoalise.Testing.Servers;

namespace Quoalise.IntegrationTests.Storage;

/// <summary>A server that is down when the component starts: start-up waits for it, then migrates; nothing crashes.</summary>
[TestFixture(SqlEngine.MySql)]
[TestFixture(SqlEngine.Postgres)]
public sealed class UnreachableAtStartTests(SqlEngine engine)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Start_up_waits_for_the_database_then_migrates_and_serves()
    {
        // A server of its own, not started yet: its port refuses connections.
        await using ServerProcess server = engine == SqlEngine.MySql ? new MariaDbServer(durable: false) : new PostgresServer(durable: false);
        var connectionString = server is MariaDbServer mariaDb ? mariaDb.ConnectionString() : ((PostgresServer)server).ConnectionString();
        await using var host = await StorageTestHost.CreateAsync(StorageProviders.NameOf(engine), connectionString, start: false);
        var health = host.Get<StorageHealth>();
        var unreachable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        health.Changed += s =>
        {
            if (s == StorageStatus.Unreachable)
            {
                unreachable.TrySetResult();
            }
        };

        var starting = host.Host.StartAsync();
        await unreachable.Task.WaitAsync(Patience);
        starting.IsCompleted.Should().BeFalse("start-up waits for the database instead of failing");

        await server.StartAsync();
        await starting.WaitAsync(Patience);

        health.Status.Should().Be(StorageStatus.Reachable);
        host.Logs.Lines.Should().Contain(l => l.EventId.Id == 3001, "the schema was applied once the server answered");
        var series = $"urn:dev:quoalise:test:{Guid.NewGuid():N}";
        await host.Get<ISeriesWriter>().WriteAsync([new SenMLRecord(series, DateTimeOffset.UnixEpoch.AddYears(56), Value: 1)], CancellationToken.None)
            .WaitAsync(Patience);
    }
}
