using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Load;

/// <summary>
/// The <c>storage</c> verb: per engine, rows/s ingested through the component's real <see cref="ISeriesWriter"/>
/// (buffer, batches, engine fast path, commit before acknowledgement), then the latency of reading one year of
/// 30-minute points (17,520) of one series from the resulting table, median of repeated reads.
/// </summary>
internal static class StorageLoad
{
    /// <summary>One year of 30-minute points.</summary>
    public const int PointsPerSeries = 17_520;

    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = StorageLoadOptions.Parse(args);
        Console.WriteLine($"# storage load: {options.Rows:N0} rows, {options.Producers} producers x {options.WritePoints} points/write, {options.Reads} reads");
        if (options.PostgresSettings is { Count: > 0 } settings)
        {
            Console.WriteLine($"# PostgreSQL settings: {string.Join(' ', settings)}");
        }

        Console.WriteLine($"# {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine("| engine | version | rows | ingest s | rows/s | read ms, right after ingest: median (min–max) | read ms, after maintenance: median (min–max) |");
        Console.WriteLine("|---|---|---:|---:|---:|---|---|");
        foreach (var engine in options.Engines)
        {
            await using var target = await StorageLoadTarget.CreateAsync(engine, options);
            Console.WriteLine(await MeasureAsync(target, options));
        }

        return 0;
    }

    private static async Task<string> MeasureAsync(StorageLoadTarget target, StorageLoadOptions options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = StorageProviders.NameOf(target.Engine),
            ["Storage:ConnectionString"] = target.ConnectionString,
        });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddQuoaliseStorage();
        using var host = builder.Build();
        await host.StartAsync();

        // Whole years: every series ends up with exactly the 17,520 points a range read expects.
        var series = (options.Rows + PointsPerSeries - 1) / PointsPerSeries;
        var rows = series * PointsPerSeries;
        var names = Enumerable.Range(0, series).Select(s => $"urn:dev:quoalise:load:meter-{s:D5}_power").ToArray();
        var ingest = await IngestAsync(host.Services.GetRequiredService<ISeriesWriter>(), names, rows, options);
        var reader = host.Services.GetRequiredService<ISeriesReader>();
        var fresh = await ReadAsync(reader, names, options.Reads);
        await target.SettleAsync();
        var settled = await ReadAsync(reader, names, options.Reads);
        await host.StopAsync();

        var version = await target.VersionAsync();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {target.Engine} | {version} | {rows:N0} | {ingest.TotalSeconds:F1} | {rows / ingest.TotalSeconds:N0} | {Summary(fresh)} | {Summary(settled)} |");
    }

    // Time-major, as meters report: every series gets its point for one instant before the next instant.
    // Producer p writes the points whose index modulo the producer count is p, WritePoints at a time.
    private static async Task<TimeSpan> IngestAsync(ISeriesWriter writer, string[] names, int rows, StorageLoadOptions options)
    {
        var clock = Stopwatch.StartNew();
        var writes = (rows + options.WritePoints - 1) / options.WritePoints;
        await Task.WhenAll(Enumerable.Range(0, options.Producers).Select(producer => Task.Run(async () =>
        {
            for (var write = producer; write < writes; write += options.Producers)
            {
                var first = write * options.WritePoints;
                var count = Math.Min(options.WritePoints, rows - first);
                var points = new SenMLRecord[count];
                for (var i = 0; i < count; i++)
                {
                    var index = first + i;
                    var time = Start + (Step * (index / names.Length));
                    points[i] = new SenMLRecord(names[index % names.Length], time, "W", Value: index % 5_000);
                }

                await writer.WriteAsync(points, CancellationToken.None);
            }
        })));
        return clock.Elapsed;
    }

    private static string Summary(double[] sorted) =>
        string.Create(CultureInfo.InvariantCulture, $"{sorted[sorted.Length / 2]:F1} ({sorted[0]:F1}–{sorted[^1]:F1})");

    private static async Task<double[]> ReadAsync(ISeriesReader reader, string[] names, int reads)
    {
        var milliseconds = new double[reads];
        for (var i = 0; i < reads; i++)
        {
            // A different series each time (coprime stride): no read is served by the previous one's cache lines.
            var name = names[(i * 37) % names.Length];
            var clock = Stopwatch.StartNew();
            var page = await reader.ReadAsync(new SeriesQuery(name, Start, Start.AddYears(1), PointsPerSeries), CancellationToken.None);
            milliseconds[i] = clock.Elapsed.TotalMilliseconds;
            if (page.Points.Count != PointsPerSeries)
            {
                throw new InvalidOperationException($"Read {page.Points.Count} points of {name}, expected {PointsPerSeries}.");
            }
        }

        Array.Sort(milliseconds);
        return milliseconds;
    }
}
