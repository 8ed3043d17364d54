using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Health;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.IntegrationTests.Storage;

/// <summary>Issue 3, "Outages": the database goes away in the middle of an ingest and comes back.</summary>
[TestFixture(SqlEngine.Sqlite)]
[TestFixture(SqlEngine.MySql)]
[TestFixture(SqlEngine.Postgres)]
[NonParallelizable] // Kills a server other fixtures share.
public sealed class OutageTests(SqlEngine engine)
{
    private const int Producers = 4;
    private const int PointsPerWrite = 100;
    private const int WritesAfterRecovery = 5;
    private const int MaxWritesPerProducer = 5_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Every_acknowledged_point_is_stored_exactly_once_after_the_database_comes_back()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var outage = await Outage.ForAsync(database);
        await using var host = await StorageTestHost.CreateAsync(database, new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = outage.ConnectionString,
            ["Storage:WriteBatchPoints"] = "500",
            ["Storage:WriteBufferPoints"] = "2000",
            ["Storage:CommandTimeout"] = "00:00:02",
        });
        var writer = host.Get<ISeriesWriter>();
        var health = host.Get<StorageHealth>();
        var unreachable = Transition(health, StorageStatus.Unreachable);
        var reachable = Transition(health, StorageStatus.Reachable);

        var acknowledged = new ConcurrentBag<(string Series, DateTimeOffset Time)>();
        var ingesting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var recovered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acknowledgedAfterRecovery = 0;
        using var stop = new CancellationTokenSource();

        async Task ProduceAsync(int producer)
        {
            var series = $"urn:dev:quoalise:outage:{Guid.NewGuid():N}:{producer}";
            var writesAfterRecovery = 0;
            // Bounded: a test that fails early must not leave producers running.
            for (var write = 0; writesAfterRecovery < WritesAfterRecovery && write < MaxWritesPerProducer; write++)
            {
                var points = Enumerable.Range(0, PointsPerWrite)
                    .Select(i => new SenMLRecord(series, T0.AddMilliseconds(write * PointsPerWrite + i), "W", Value: write))
                    .ToArray();
                await writer.WriteAsync(points, stop.Token);
                foreach (var point in points)
                {
                    acknowledged.Add((point.Name, point.Time));
                }

                if (write == 10)
                {
                    ingesting.TrySetResult();
                }

                if (recovered.Task.IsCompleted)
                {
                    writesAfterRecovery++;
                    Interlocked.Increment(ref acknowledgedAfterRecovery);
                }
            }
        }

        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() => ProduceAsync(p))).ToArray();
        HealthReport down;
        try
        {
            await ingesting.Task.WaitAsync(Patience);
            await outage.BeginAsync();
            await unreachable.WaitAsync(Patience);
            down = await host.Get<HealthCheckService>().CheckHealthAsync();
            await outage.EndAsync();
            recovered.TrySetResult();
            await Task.WhenAll(producers).WaitAsync(Patience);
            await reachable.WaitAsync(Patience);
        }
        finally
        {
            await stop.CancelAsync();
            TestContext.Out.WriteLine(string.Join('\n', host.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Information).Select(l => $"{l.Level} {l.EventId.Id} {l.Message} {l.Exception?.Message}")));
        }

        down.Entries["storage"].Status.Should().Be(HealthStatus.Unhealthy);
        (await host.Get<HealthCheckService>().CheckHealthAsync()).Entries["storage"].Status.Should().Be(HealthStatus.Healthy);
        acknowledgedAfterRecovery.Should().BeGreaterThanOrEqualTo(Producers * WritesAfterRecovery);
        host.Logs.Lines.Should().Contain(l => l.EventId.Id == 3010 && l.Level == Microsoft.Extensions.Logging.LogLevel.Warning, "the outage is logged");
        // The only error: the health service reporting the probe taken while the database was away.
        host.ErrorsExpected = true;
        host.Logs.Errors.Should().OnlyContain(l => l.Category == typeof(HealthCheckService).Namespace + ".DefaultHealthCheckService");

        await database.WaitUntilPointsMergedAsync();
        await using var connection = database.Connect();
        var stored = (await connection.QueryAsync<(string Identifier, long TimeUs)>(
            "SELECT s.identifier, p.time_us FROM core_points p JOIN core_series s ON s.id = p.series_id")).ToList();
        var expected = acknowledged.Select(a => (a.Series, Component.Storage.UnixMicroseconds.From(a.Time))).ToHashSet();
        // Set operations: tens of thousands of rows are beyond an element-by-element equivalence check.
        stored.Should().HaveCount(expected.Count, "no acknowledged point is lost and none is stored twice");
        stored.ToHashSet().Should().HaveCount(stored.Count, "a (series, time) pair is stored once");
        expected.Except(stored).Should().BeEmpty("every acknowledged point is stored");
    }

    private static Task Transition(StorageHealth health, StorageStatus status)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        health.Changed += s =>
        {
            if (s == status)
            {
                reached.TrySetResult();
            }
        };
        return reached.Task;
    }
}
