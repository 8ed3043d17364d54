using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using MQTTnet;
using MQTTnet.Protocol;
using Npgsql;
using Quoalise.Testing.Servers;
using Quoalise.Testing.Xmpp;

namespace Quoalise.Load;

/// <summary>
/// The <c>mqtt</c> verb. Throughput: N devices (<see cref="LeanMqttPublisher"/>s, one bed each) publish the seed's three-sensor
/// payload at QoS 1 to the component's embedded broker, each as fast as its PUBACKs come back; since the component
/// acknowledges after commit, acknowledged readings are committed readings. Reports readings/s, publish → commit
/// latency, CPU of the component and of this tool, then stops the component and counts the rows: they must equal the
/// acknowledged readings (zero loss). With <c>--broker mosquitto</c> the devices publish to a private Mosquitto, which
/// acknowledges on receipt, and the component is its subscriber (external mode): the rate is then committed rows over
/// the window, and after it the tool waits for the component to catch up before counting. Latency (<c>--latency</c>):
/// a slixmpp subscriber behind Prosody receives the pushes of readings published at a fixed rate; reports publish →
/// push percentiles.
/// </summary>
internal static class MqttLoad
{
    private const string Component = "quoalise.localhost";
    private const int ReadingsPerMessage = 3;

    // Through Mosquitto: how long the component may take, after the window, to commit what the broker still holds.
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromMinutes(5);

    // Rows of readings, without the delivery receipts the adapter writes beside them (docs/mqtt.md).
    private const string CountReadings =
        "SELECT COUNT(*) FROM core_points p JOIN core_series s ON s.id = p.series_id WHERE s.identifier LIKE 'urn:dev:quoalise:greenhouse:%'";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = MqttLoadOptions.Parse(args);
        Console.WriteLine($"# {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        return options.Latency ? await LatencyAsync(options) : await ThroughputAsync(options);
    }

    private static async Task<int> ThroughputAsync(MqttLoadOptions options)
    {
        // Servers as the storage verb runs them: durable default settings, a throw-away data folder.
        await using var postgres = options.Storage == "postgres" ? new PostgresServer(durable: true, options.PostgresSettings, options.HugePages) : null;
        await using var mariaDb = options.Storage == "mysql" ? new MariaDbServer(durable: true) : null;
        var settings = BaseSettings(out var mqttPort);
        if (postgres is not null)
        {
            await postgres.StartAsync();
            Console.WriteLine(postgres.HugePages > 0 ? $"# PostgreSQL shared memory on {postgres.HugePages} huge pages" : "# PostgreSQL shared memory on the default pages");
            settings["Storage:Provider"] = "postgres";
            settings["Storage:ConnectionString"] = postgres.ConnectionString();
        }

        if (mariaDb is not null)
        {
            await mariaDb.StartAsync();
            settings["Storage:Provider"] = "mysql";
            settings["Storage:ConnectionString"] = mariaDb.ConnectionString();
        }

        // Devices publish to Mosquitto, and the component subscribes to it, as the greenhouse runs it.
        await using var mosquitto = options.Broker == "mosquitto" ? new MosquittoServer() : null;
        if (mosquitto is not null)
        {
            await mosquitto.StartAsync();
            settings["Mqtt:Mode"] = "external";
            settings["Mqtt:External:Port"] = mosquitto.Port.ToString(CultureInfo.InvariantCulture);
            settings["Mqtt:External:ClientId"] = "quoalise-load";
            mqttPort = mosquitto.Port;
        }

        await using var quoalise = new ComponentProcess(settings, mosquitto is null ? "Embedded MQTT broker listening" : "Subscribed at QoS 1");
        await quoalise.StartAsync();
        Func<Task<long>> countRows = options.Storage switch
        {
            "postgres" => () => CountAsync(new NpgsqlConnection(postgres!.ConnectionString())),
            "mysql" => () => CountAsync(new MySqlConnector.MySqlConnection(mariaDb!.ConnectionString())),
            _ => () => CountAsync(new SqliteConnection($"Data Source={quoalise.DatabasePath};Mode=ReadOnly")),
        };
        Console.WriteLine($"# mqtt ingest: {options.Publishers} publishers, QoS 1, {ReadingsPerMessage} readings a message, {options.Storage}, {options.Broker} broker, packet ids 1–{options.PacketIds}, {options.Seconds} s after {options.Warmup} s warm-up");

        var publishers = new List<LeanMqttPublisher>();
        foreach (var chunk in Enumerable.Range(0, options.Publishers).Chunk(50))
        {
            publishers.AddRange(await Task.WhenAll(chunk.Select(i => LeanMqttPublisher.ConnectAsync(mqttPort, $"load-{i}", Topic(i), options.PacketIds))));
        }

        // Each bed's first reading registers it and its series: done before the clock starts, as in the field.
        await Parallel.ForEachAsync(Enumerable.Range(0, publishers.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
            await publishers[i].PublishAsync("""{"humiditeSol": 0}"""u8.ToArray(), token));
        var registered = publishers.Count;
        using var stop = new CancellationTokenSource();
        var measuring = 0;
        var acknowledged = new long[options.Publishers];
        var latencies = new List<double>[options.Publishers];
        var failures = 0L;
        var loops = publishers.Select((client, i) => Task.Run(async () =>
        {
            latencies[i] = [];
            var sequence = 0;
            while (!stop.IsCancellationRequested)
            {
                var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $$"""{"humiditeAmbiante": {{sequence % 1000 / 10.0}}, "temperatureAmbiante": {{20 + (sequence % 100 / 10.0)}}, "humiditeSol": {{sequence % 997 / 10.0}}}"""));
                sequence++;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await client.PublishAsync(payload);
                }
                catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
                {
                    // The connection is gone: what it had in flight is not acknowledged, so it is not counted.
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine($"{Topic(i)}: {e.Message}");
                    break;
                }

                // Every acknowledged message counts for the zero-loss check; the window only for the rate.
                acknowledged[i]++;
                if (Volatile.Read(ref measuring) == 1)
                {
                    latencies[i].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(options.Warmup));

        // Only through Mosquitto is the rate counted in rows: embedded, each PUBACK already means committed.
        var rowsBefore = mosquitto is null ? 0 : await countRows();
        var componentCpu = quoalise.ProcessorTime;
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var machineCpu = MachineCpu.Read();
        var wall = Stopwatch.StartNew();
        Volatile.Write(ref measuring, 1);
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        Volatile.Write(ref measuring, 0);
        wall.Stop();
        var machineUsed = MachineCpu.BusyBetween(machineCpu, MachineCpu.Read(), wall.Elapsed);
        var componentUsed = quoalise.ProcessorTime - componentCpu;
        var ownUsed = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;
        var resident = quoalise.ResidentBytes / (1024 * 1024);
        var committedPerSecond = mosquitto is null ? 0 : (await countRows() - rowsBefore) / wall.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        foreach (var client in publishers)
        {
            await client.DisposeAsync();
        }

        var expected = (acknowledged.Sum() * ReadingsPerMessage) + registered;
        if (mosquitto is not null)
        {
            // Mosquitto acknowledged on receipt: what is still queued there reaches the component after the window.
            var catchingUp = Stopwatch.StartNew();
            while (await countRows() < expected && catchingUp.Elapsed < CatchUpLimit)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# committed readings/s in the window: {committedPerSecond:F0}; the component caught up {catchingUp.Elapsed.TotalSeconds:F1} s after it"));
        }

        await quoalise.StopAsync();
        var rows = await countRows();
        var sorted = latencies.SelectMany(l => l).Order().ToList();
        // Embedded, a PUBACK means committed: the rate and the latency are the acknowledged messages'. Through Mosquitto
        // they are the broker's, so the rate is the rows committed over the window and the latency is publish → broker.
        var readingsPerSecond = mosquitto is null ? sorted.Count * ReadingsPerMessage / wall.Elapsed.TotalSeconds : committedPerSecond;
        var acknowledgedBy = mosquitto is null ? "commit" : "broker";
        Console.WriteLine($"| publishers | storage | broker | readings/s | published messages/s | publish → {acknowledgedBy} p50 ms | p99 ms | component CPU % | load tool CPU % | component RSS MiB | acknowledged readings | rows | lost |");
        Console.WriteLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {options.Publishers} | {options.Storage} | {options.Broker} | {readingsPerSecond:F0} | {sorted.Count / wall.Elapsed.TotalSeconds:F0} | {Percentile(sorted, 0.5)} | {Percentile(sorted, 0.99)} | {componentUsed.TotalSeconds / wall.Elapsed.TotalSeconds * 100:F0} | {ownUsed.TotalSeconds / wall.Elapsed.TotalSeconds * 100:F0} | {resident} | {expected} | {rows} | {expected - rows} |"));
        if (mosquitto is null && sorted.Count > 0)
        {
            // Embedded, every message of the window was handled in it: what one cost, and who spent it.
            var perMessage = (TimeSpan used) => (used / sorted.Count).TotalMicroseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# CPU a message, µs: machine {perMessage(machineUsed):F0} ({machineUsed / wall.Elapsed / Environment.ProcessorCount:P0} busy), component {perMessage(componentUsed):F0}, load tool {perMessage(ownUsed):F0}, the rest (database, kernel) {perMessage(machineUsed - componentUsed - ownUsed):F0}"));
        }

        if (failures > 0 || rows != expected)
        {
            Console.Error.WriteLine($"LOSS: {failures} publish failure(s); {rows} rows for {expected} acknowledged readings.");
            return 1;
        }

        return 0;
    }

    private static async Task<int> LatencyAsync(MqttLoadOptions options)
    {
        await using var prosody = new ProsodyServer();
        var component = prosody.AddComponent(Component);
        await prosody.StartAsync();
        await prosody.RegisterUserAsync("subscriber", "pw");
        var settings = BaseSettings(out var mqttPort);
        settings["Xmpp:Port"] = prosody.ComponentPort.ToString(CultureInfo.InvariantCulture);
        settings["Xmpp:Secret"] = component.Secret;
        settings["Xmpp:ServerDomain"] = prosody.Domain;
        settings["Access:Grants:0:Subject"] = "subscriber@" + prosody.Domain;
        settings["Access:Grants:0:Series:0"] = "urn:dev:quoalise:greenhouse:*";
        await using var quoalise = new ComponentProcess(settings);
        await quoalise.StartAsync();

        // One bed per publisher, registered by its first reading; the subscriber follows the first few.
        var publishers = await ConnectAsync(mqttPort, options.Publishers);
        for (var i = 0; i < publishers.Count; i++)
        {
            await publishers[i].PublishStringAsync(Topic(i), """{"humiditeSol": 0}""", MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await using var subscriber = await SlixmppClient.ConnectAsync("subscriber@" + prosody.Domain, "pw", prosody.C2sPort);
        await subscriber.SetPresenceAsync(1);
        for (var i = 0; i < options.Followed; i++)
        {
            await subscriber.ExecuteCommandAsync(Component, "subscribe", new Dictionary<string, IReadOnlyList<string>> { ["identifier"] = [Series(i)] });
        }

        Console.WriteLine($"# mqtt publish → push: {options.Followed} followed beds publishing 1 reading/s each, {options.Rate} background messages/s to {options.Publishers - options.Followed} other beds, " +
            $"through Prosody to one slixmpp subscriber, {options.Seconds} s");
        var sent = new System.Collections.Concurrent.ConcurrentDictionary<(string, double), long>();
        var latencies = new List<double>();
        var receiving = Task.Run(async () =>
        {
            while (await subscriber.NextMessageAsync(TimeSpan.FromSeconds(5)) is { } message)
            {
                var received = Stopwatch.GetTimestamp();
                foreach (var record in message.Descendants().Where(e => e.Name.LocalName == "senml"))
                {
                    Resolve(record, out var name, out var value);
                    if (name is not null && sent.TryRemove((name, value), out var at))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(at, received).TotalMilliseconds);
                    }
                }
            }
        });

        // Paced on one timeline: tick k (every 1/(rate + followed) s) is a followed bed's reading when it falls on a
        // followed slot, a background message otherwise. Values are unique per bed, so each push is matched.
        var perSecond = options.Rate + options.Followed;
        var total = perSecond * options.Seconds;
        var clock = Stopwatch.StartNew();
        var publishing = new List<Task>();
        var background = options.Followed;
        for (var k = 0; k < total; k++)
        {
            var due = TimeSpan.FromSeconds((double)k / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var slot = k % perSecond;
            var followed = slot * options.Followed / perSecond != (slot + 1) * options.Followed / perSecond;
            var i = followed ? slot * options.Followed / perSecond : background;
            if (!followed)
            {
                background = background + 1 < publishers.Count ? background + 1 : options.Followed;
            }

            var value = 1 + (k / perSecond % 9000 / 100.0);
            if (followed)
            {
                sent[(Series(i), value)] = Stopwatch.GetTimestamp();
            }

            publishing.Add(publishers[i].PublishStringAsync(Topic(i), string.Create(CultureInfo.InvariantCulture, $$"""{"humiditeSol": {{value}}}"""), MqttQualityOfServiceLevel.AtLeastOnce));
        }

        await Task.WhenAll(publishing);
        await receiving;
        var sorted = latencies.Order().ToList();
        Console.WriteLine("| followed beds | background messages/s | pushed readings | not pushed | p50 ms | p90 ms | p99 ms | max ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {options.Followed} | {options.Rate} | {sorted.Count} | {sent.Count} | {Percentile(sorted, 0.5)} | {Percentile(sorted, 0.9)} | {Percentile(sorted, 0.99)} | {Percentile(sorted, 1)} |");
        foreach (var client in publishers)
        {
            client.Dispose();
        }

        return sent.IsEmpty ? 0 : 1;
    }

    private static string Topic(int publisher) => $"serre/1/bac/{publisher}";

    private static string Series(int publisher) => $"urn:dev:quoalise:greenhouse:1:bed:{publisher}_humiditeSol";

    // SenML as pushed: bn and n, v; enough for the load's one-series-per-record pushes.
    private static void Resolve(System.Xml.Linq.XElement record, out string? name, out double value)
    {
        var baseName = record.Parent?.Elements().FirstOrDefault(e => e.Attribute("bn") is not null)?.Attribute("bn")?.Value;
        name = baseName + (string?)record.Attribute("n");
        value = double.Parse((string?)record.Attribute("v") ?? "NaN", CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, string> BaseSettings(out int mqttPort)
    {
        mqttPort = FreePort.Next();
        return new Dictionary<string, string>
        {
            ["Mqtt:Embedded:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:AutoRegisterBeds"] = "true",
            ["Xmpp:Domain"] = Component,
            ["Xmpp:Secret"] = "unused",
            ["Xmpp:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Quoalise.Adapters.Mqtt.Broker"] = "Information",
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
        };
    }

    private static async Task<List<IMqttClient>> ConnectAsync(int port, int count)
    {
        var factory = new MqttClientFactory();
        var clients = new List<IMqttClient>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(50))
        {
            clients.AddRange(await Task.WhenAll(chunk.Select(async i =>
            {
                var client = factory.CreateMqttClient();
                await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"load-{i}").WithCleanSession().Build());
                return client;
            })));
        }

        return clients;
    }

    private static string Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? "-" : sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)].ToString("F1", CultureInfo.InvariantCulture);

    private static async Task<long> CountAsync(System.Data.Common.DbConnection connection)
    {
        await using (connection)
        {
            return await connection.ExecuteScalarAsync<long>(CountReadings);
        }
    }
}
