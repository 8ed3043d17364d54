using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;
using Quoalise.Protocol.Quoalise;
using Quoalise.Protocol.Stanzas;
using Quoalise.Testing.Servers;
using Quoalise.Testing.Xmpp;

namespace Quoalise.Load;

/// <summary>
/// The <c>xmpp</c> verb: N clients logged in to a private Prosody each run one-shot <c>get_history</c>
/// against the component (a separate process, as in production) as fast as answers come back. Reports
/// commands/s, latency percentiles and the CPU of Prosody, of the component and of this load generator,
/// all on the same machine, so which one saturates first is visible.
/// </summary>
internal static class XmppLoad
{
    private const string Component = "quoalise.localhost";
    private const string Series = "urn:dev:load:1_power";
    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = XmppLoadOptions.Parse(args);
        await using var prosody = new ProsodyServer();
        var component = prosody.AddComponent(Component);
        await prosody.StartAsync();
        var users = options.Clients.Max();
        await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, token) => await prosody.RegisterUserAsync($"load{i}", "pw", token));

        await using var quoalise = new ComponentProcess(new Dictionary<string, string>
        {
            ["Xmpp:Port"] = prosody.ComponentPort.ToString(CultureInfo.InvariantCulture),
            ["Xmpp:Domain"] = Component,
            ["Xmpp:Secret"] = component.Secret,
            ["Xmpp:ServerDomain"] = prosody.Domain,
            ["Access:Grants:0:Subject"] = "*@" + prosody.Domain,
            ["Access:Commands:PermitsPerMinute"] = "100000000",
            ["Access:Commands:Burst"] = "100000000",
            ["Access:Requests:PermitsPerMinute"] = "100000000",
            ["Access:Requests:Burst"] = "100000000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
        });
        await SeedAsync(Path.Combine(quoalise.DataDirectory, "data"), options.Points);
        await quoalise.StartAsync();

        Console.WriteLine($"# xmpp load: one-shot get_history of {options.Points} points, {options.Seconds} s per run after {options.Warmup} s warm-up");
        Console.WriteLine($"# {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine("| clients | commands/s | p50 ms | p90 ms | p99 ms | errors | Prosody CPU % | component CPU % | load tool CPU % | component RSS MiB |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var count in options.Clients)
        {
            Console.WriteLine(await MeasureAsync(prosody, quoalise, count, options));
        }

        return 0;
    }

    // The series is written before the component starts, through the same storage code, into its SQLite file.
    private static async Task SeedAsync(string dataDirectory, int points)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = dataDirectory });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddQuoaliseStorage();
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<ISeriesCatalog>().RegisterAsync(
            [new SeriesDefinition(Series, "load", new QuoaliseMeta(Measurement: new MeasurementMeta(Quantity: "power", Unit: "W")))], CancellationToken.None);
        await host.Services.GetRequiredService<ISeriesWriter>().WriteAsync(
            Enumerable.Range(0, points).Select(i => new SenMLRecord(Series, Origin.AddMinutes(30 * i), "W", 1000 + i)).ToList(), CancellationToken.None);
        await host.StopAsync();
    }

    private static async Task<string> MeasureAsync(ProsodyServer prosody, ComponentProcess quoalise, int count, XmppLoadOptions options)
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            C2sClient.ConnectAsync("127.0.0.1", prosody.C2sPort, Jid.Parse($"load{i}@{prosody.Domain}"), "pw")));
        var fields = new Dictionary<string, string>
        {
            ["identifier"] = Series,
            ["start_time"] = "2026-01-01T00:00:00Z",
            ["end_time"] = Origin.AddMinutes(30 * options.Points).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        };
        try
        {
            using var stop = new CancellationTokenSource();
            var measuring = false;
            var latencies = new List<double>[count];
            var errors = 0;
            var loops = clients.Select((client, i) => Task.Run(async () =>
            {
                latencies[i] = [];
                while (!stop.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    var answer = await client.RequestAsync(C2sClient.OneShotCommand(Component, "get_history", fields), TimeSpan.FromSeconds(30));
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (!Volatile.Read(ref measuring))
                    {
                        continue;
                    }

                    if ((string?)answer.Attribute("type") == "result")
                    {
                        latencies[i].Add(elapsed);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            })).ToList();

            await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
            var prosodyCpu = prosody.ProcessorTime;
            var componentCpu = quoalise.ProcessorTime;
            var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            Volatile.Write(ref measuring, true);
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            Volatile.Write(ref measuring, false);
            wall.Stop();
            var percent = (TimeSpan used) => (used.TotalSeconds / wall.Elapsed.TotalSeconds * 100).ToString("F0", CultureInfo.InvariantCulture);
            var row = Row(count, latencies.SelectMany(l => l).Order().ToList(), errors, wall.Elapsed,
                percent(prosody.ProcessorTime - prosodyCpu),
                percent(quoalise.ProcessorTime - componentCpu),
                percent(Process.GetCurrentProcess().TotalProcessorTime - ownCpu),
                quoalise.ResidentBytes / (1024 * 1024));
            await stop.CancelAsync();
            await Task.WhenAll(loops);
            return row;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static string Row(int clients, List<double> sorted, int errors, TimeSpan wall, string prosodyCpu, string componentCpu, string ownCpu, long residentMiB)
    {
        string Percentile(double p) => sorted.Count == 0 ? "-" : sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)].ToString("F1", CultureInfo.InvariantCulture);
        var rate = (sorted.Count / wall.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture);
        return $"| {clients} | {rate} | {Percentile(0.5)} | {Percentile(0.9)} | {Percentile(0.99)} | {errors} | {prosodyCpu} | {componentCpu} | {ownCpu} | {residentMiB} |";
    }
}
