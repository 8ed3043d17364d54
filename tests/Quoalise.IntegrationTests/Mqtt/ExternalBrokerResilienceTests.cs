using System.Globalization;
using Dapper;
using Quoalise.Adapters.Mqtt;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Adapters.Storage;
using Quoalise.IntegrationTests.Mqtt.Support;
using Quoalise.IntegrationTests.Support;
using Quoalise.Testing.Servers;

namespace Quoalise.IntegrationTests.Mqtt;

/// <summary>
/// What the external mode promises when things go wrong: a persistent session keeps what was published while the
/// component was away; a broker restart is MQTT_DISCONNECT and a reconnection; a commit failure is DB_INSERT_ERROR
/// and the message comes again until it is stored, once; shared subscriptions split one stream between instances.
/// </summary>
[NonParallelizable] // Each test owns one broker and its components.
public class ExternalBrokerResilienceTests
{
    private MosquittoServer _mosquitto = null!;

    [SetUp]
    public async Task StartBrokerAsync()
    {
        _mosquitto = new MosquittoServer();
        await _mosquitto.StartAsync();
    }

    [TearDown]
    public async Task StopBrokerAsync() => await _mosquitto.DisposeAsync();

    [Test]
    public async Task Readings_published_while_the_component_is_stopped_wait_in_its_session_and_all_arrive_after_restart()
    {
        const string series = "urn:dev:quoalise:greenhouse:21:bed:1_humiditeSol";
        var folder = Directory.CreateTempSubdirectory("quoalise-mqtt-session-").FullName;
        try
        {
            await using (var first = await MqttComponentHost.StartAsync(Settings("session"), root: folder))
            {
                await _mosquitto.PublishAsync("serre/21/bac/1", """{"humiditeSol": 10}""");
                await first.Committed.WaitForAsync(series, 1, TimeSpan.FromSeconds(10));
            }

            await _mosquitto.PublishAsync("serre/21/bac/1", """{"humiditeSol": 11}""", repeat: 300);

            await using var second = await MqttComponentHost.StartAsync(Settings("session"), root: folder);
            await second.Committed.WaitForAsync(series, 300, TimeSpan.FromSeconds(30));
            second.Logs.Events.Should().Contain(e => e.RenderMessage().Contains("session present: True"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task A_broker_restart_is_recorded_as_MQTT_DISCONNECT_and_the_component_reconnects_by_itself()
    {
        const string series = "urn:dev:quoalise:greenhouse:22:bed:1_humiditeSol";
        await using var host = await MqttComponentHost.StartAsync(Settings("restart"));

        await _mosquitto.StopAsync();
        await host.Logs.WaitForAsync(CapturedLogs.WithEventId(MqttEventId.ConnectionLost), TimeSpan.FromSeconds(20));
        await _mosquitto.StartAsync();
        await host.Logs.WaitForAsync(_ => host.Logs.Count(CapturedLogs.WithEventId(MqttEventId.Subscribed)) >= 2, TimeSpan.FromSeconds(30));
        await _mosquitto.PublishAsync("serre/22/bac/1", """{"humiditeSol": 12}""");

        await host.Committed.WaitForAsync(series, 1, TimeSpan.FromSeconds(20));
        var errors = await host.RecentIngestErrorsAsync(IngestErrorType.MqttDisconnect);
        errors.Should().Contain(e => e.Topic == "quoalise-restart" && e.Detail.Contains("lost"));
    }

    [Test]
    public async Task A_commit_failure_is_DB_INSERT_ERROR_and_the_message_comes_again_until_stored_exactly_once()
    {
        const string series = "urn:dev:quoalise:greenhouse:23:bed:1_humiditeSol";
        var settings = Settings("insert-error");
        settings["Mqtt:External:ReconnectMinDelay"] = "00:00:00.100";
        settings["Mqtt:External:ReconnectMaxDelay"] = "00:00:00.500";
        await using var host = await MqttComponentHost.StartAsync(settings);
        host.ExpectErrors(e => CapturedLogs.WithEventId(MqttEventId.ReadingsNotStored)(e) || e.RenderMessage().Contains("not committed", StringComparison.OrdinalIgnoreCase) || e.Exception?.Message.Contains("core_points") == true);
        await using (var connection = await host.Get<IDatabase>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("ALTER TABLE core_points_log RENAME TO core_points_away");
        }

        await _mosquitto.PublishAsync("serre/23/bac/1", """{"humiditeSol": 33}""");
        await host.Logs.WaitForAsync(e => CapturedLogs.WithEventId(MqttEventId.IngestErrorRecorded)(e) && e.RenderMessage().Contains(IngestErrorType.DatabaseInsertError), TimeSpan.FromSeconds(20));
        await using (var connection = await host.Get<IDatabase>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("ALTER TABLE core_points_away RENAME TO core_points_log");
        }

        await host.Committed.WaitForAsync(series, 1, TimeSpan.FromSeconds(30));
        var points = await host.Get<ISeriesReader>().ReadAsync(new SeriesQuery(series, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1), 10), CancellationToken.None);
        points.Points.Should().ContainSingle().Which.Value.Should().Be(33);
        host.Logs.Count(CapturedLogs.WithEventId(MqttEventId.RedeliveryRequested)).Should().BeGreaterThan(0);
    }

    [Test]
    public async Task Instances_in_one_shared_subscription_group_split_the_stream_and_store_every_message_once()
    {
        var a = Settings("shared-a");
        var b = Settings("shared-b");
        a["Mqtt:External:SharedSubscriptionGroup"] = b["Mqtt:External:SharedSubscriptionGroup"] = "greenhouses";
        await using var first = await MqttComponentHost.StartAsync(a);
        await using var second = await MqttComponentHost.StartAsync(b);

        await _mosquitto.PublishAsync("serre/24/bac/1", """{"humiditeSol": 24}""", repeat: 200);

        await WaitForSumAsync(first, second, 200);
        first.Committed.Total.Should().BeGreaterThan(0);
        second.Committed.Total.Should().BeGreaterThan(0);
        (first.Committed.Total + second.Committed.Total).Should().Be(200);
    }

    private static async Task WaitForSumAsync(MqttComponentHost first, MqttComponentHost second, int total)
    {
        // Each instance stores its share; the split is the broker's (round robin in Mosquitto).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (first.Committed.Total + second.Committed.Total < total)
        {
            var remaining = total - first.Committed.Total - second.Committed.Total;
            await Task.WhenAny(first.Committed.WaitForTotalAsync(first.Committed.Total + 1, TimeSpan.FromSeconds(30)), second.Committed.WaitForTotalAsync(second.Committed.Total + 1, TimeSpan.FromSeconds(30)));
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{remaining} of {total} readings never arrived.");
            }
        }
    }

    private Dictionary<string, string?> Settings(string clientId) => new()
    {
        ["Mqtt:Mode"] = "external",
        ["Mqtt:External:Host"] = "127.0.0.1",
        ["Mqtt:External:Port"] = _mosquitto.Port.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:External:ClientId"] = "quoalise-" + clientId,
        ["Mqtt:AutoRegisterBeds"] = "true",
    };
}
