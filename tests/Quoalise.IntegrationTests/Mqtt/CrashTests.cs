using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Quoalise.Testing.Servers;

namespace Quoalise.IntegrationTests.Mqtt;

/// <summary>
/// No loss and no duplicate when the component is killed (SIGKILL, as a crash or power cut) in the middle of a QoS 1
/// stream: the component runs as its own process against a Mosquitto configured as a user would (persistence,
/// <c>max_queued_messages 0</c>); what it had not acknowledged waits in its session and comes again after the
/// restart, and readings committed but not yet acknowledged come back with their first stamp. Rows equal messages.
/// </summary>
[NonParallelizable] // Heavy: a broker, a publisher and two component processes.
public partial class CrashTests
{
    private const int Messages = 4000;
    private const string Series = "urn:dev:quoalise:greenhouse:31:bed:1_temperatureAmbiante";

    [Test]
    public async Task Killing_the_component_mid_stream_loses_nothing_and_duplicates_nothing()
    {
        await using var mosquitto = new MosquittoServer();
        await mosquitto.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Mqtt:Mode"] = "external",
            ["Mqtt:External:Port"] = mosquitto.Port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:External:ClientId"] = "quoalise-crash",
            ["Mqtt:External:ReconnectMinDelay"] = "00:00:00.200",
            ["Mqtt:AutoRegisterBeds"] = "true",
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Xmpp:Domain"] = "quoalise.localhost",
            ["Xmpp:Secret"] = "unused",
            ["Xmpp:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Serilog:MinimumLevel:Override:Quoalise.Adapters.Mqtt.Ingest.IngestPipeline"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Quoalise.Adapters.Mqtt.Ingest.DeliveryJournal"] = "Debug",
        };
        await using var component = new ComponentProcess(settings, "Subscribed at QoS 1");
        var stamps = new HashSet<string>(StringComparer.Ordinal);
        var firstThird = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        component.OutputLine += line =>
        {
            if (Stored().Match(line) is { Success: true } match)
            {
                lock (stamps)
                {
                    stamps.Add(match.Groups[1].Value);
                    if (stamps.Count >= Messages / 3)
                    {
                        firstThird.TrySetResult();
                    }

                    if (stamps.Count >= Messages)
                    {
                        all.TrySetResult();
                    }
                }
            }
        };
        await component.StartAsync();

        // One connection publishing every message at QoS 1, acknowledged by Mosquitto whatever the component does.
        var publishing = mosquitto.PublishAsync("serre/31/bac/1", """{"temperatureAmbiante": 21.5}""", repeat: Messages);
        await firstThird.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await component.KillAsync();
        var storedBeforeCrash = stamps.Count;
        await publishing;

        await component.StartAsync();
        await all.Task.WaitAsync(TimeSpan.FromSeconds(90));
        await component.StopAsync();

        storedBeforeCrash.Should().BeLessThan(Messages, "the kill must land in the middle of the stream");
        await using var database = new SqliteConnection($"Data Source={component.DatabasePath};Mode=ReadOnly");
        var rows = await database.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM core_points p JOIN core_series s ON s.id = p.series_id WHERE s.identifier = @series", new { series = Series });
        rows.Should().Be(Messages, "every message published is one row: none lost, none doubled");
        TestContext.Out.WriteLine($"Stored before the kill: {storedBeforeCrash}; redeliveries that kept their stamp: {Regex.Matches(component.Output, "keeps its first stamp").Count}");
    }

    // IngestPipeline's Verbose line: "1 reading(s) of greenhouse 31, bed 1 stored at 2026-…Z".
    [GeneratedRegex(@"greenhouse 31, bed 1 stored at (\S+)")]
    private static partial Regex Stored();
}
