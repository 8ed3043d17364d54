using System.Globalization;

namespace Quoalise.Load;

/// <summary>
/// The <c>ocpp</c> verb: thousands of OCPP 1.6 charge points against the component run as its own process on a
/// throw-away database (docs/BENCHMARKS.md, "OCPP"). Reports the MeterValues CALLRESULT latency percentiles (the
/// whole run; while the charge points come online, through the ramp and a warm-up; the steady state after them; the
/// closing interval, in which every charge point also sends its StopTransaction), the component's peak resident
/// memory, and whether every acknowledged sample is in <c>ocpp_meter_samples</c>.
/// </summary>
internal static class OcppLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = OcppLoadOptions.Parse(args);
        // Npgsql pools up to 100 connections, PostgreSQL allows 100 clients in all: room for the pool and this tool.
        await using var database = await StorageLoadTarget.CreateAsync(options.Engine, new StorageLoadOptions([options.Engine], PostgresSettings: ["max_connections=200"], HugePages: options.HugePages));
        Console.WriteLine($"Engine: {await database.VersionAsync()}");
        await using var component = await OcppLoadComponent.StartAsync(options.Component, options.Engine, database.ConnectionString);
        var endpoint = new Uri($"ws://127.0.0.1:{component.Port}/ocpp");
        var chargePoints = Enumerable.Range(0, options.ChargePoints)
            .Select(i => new OcppLoadChargePoint($"{options.Prefix}-{i:D5}", endpoint, options))
            .ToList();
        Console.WriteLine($"{options.ChargePoints} charge points, connecting over {options.RampTime}, sending for {options.Run} (MeterValues every {options.Meter}, Heartbeat every {options.Heartbeat})");

        var started = DateTimeOffset.UtcNow;
        var stopAt = started + options.RampTime + options.Run;
        using var sampling = new CancellationTokenSource();
        var memory = SampleMemoryAsync(component, sampling.Token);
        var runs = chargePoints.Select((c, i) => Task.Run(() => c.RunAsync(options.RampTime * i / options.ChargePoints, stopAt, CancellationToken.None))).ToList();
        var failures = 0;
        foreach (var run in runs)
        {
            try
            {
                await run;
            }
            catch (Exception e)
            {
                if (++failures <= 5)
                {
                    Console.Error.WriteLine($"charge point failed: {e.Message}");
                }
            }
        }

        await sampling.CancelAsync();
        var peakMiB = await memory / 1024;
        var all = chargePoints.SelectMany(c => c.MeterLatencies).ToList();
        var acknowledged = chargePoints.Sum(c => c.MetersAcknowledged);
        Console.WriteLine($"Charge points failed: {failures}; CALLERRORs: {chargePoints.Sum(c => c.Errors)}");
        Console.WriteLine($"MeterValues acknowledged: {acknowledged} ({acknowledged / options.Run.TotalSeconds:0} per second over the run)");
        Report("whole run", all.Select(l => l.Milliseconds));
        // Each charge point stops after its last MeterValues, so the last interval carries all 5,000 stops as well.
        var closing = stopAt - options.Meter;
        var steady = started + options.RampTime + options.WarmupTime;
        Report($"coming online, to {options.RampTime + options.WarmupTime}", all.Where(l => l.Sent < steady).Select(l => l.Milliseconds));
        Report($"steady state, from {options.RampTime + options.WarmupTime} to {closing - started:hh\\:mm\\:ss}", all.Where(l => l.Sent >= steady && l.Sent < closing).Select(l => l.Milliseconds));
        Report("closing, every session stopping too", all.Where(l => l.Sent >= closing).Select(l => l.Milliseconds));
        Console.WriteLine($"Component peak resident memory: {peakMiB} MiB");

        // Each acknowledged MeterValues carries four samples; each start adds its meterStart and each stop its meterStop.
        var expected = ((long)acknowledged * OcppLoadChargePoint.SamplesPerMessage) + chargePoints.Sum(c => c.RegisterReadings);
        var stored = Convert.ToInt64(await database.ExecuteScalarAsync($"SELECT COUNT(*) FROM ocpp_meter_samples WHERE charge_point_id LIKE '{options.Prefix}-%'"), CultureInfo.InvariantCulture);
        Console.WriteLine($"Samples stored: {stored}, acknowledged: {expected}: {(stored >= expected ? "none lost" : $"{expected - stored} LOST")}");
        return failures == 0 && stored >= expected ? 0 : 1;
    }

    private static void Report(string label, IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"MeterValues CALLRESULT latency, {label} ({sorted.Count} calls), ms: p50 {Percentile(sorted, 0.50):0.0}, p90 {Percentile(sorted, 0.90):0.0}, p99 {Percentile(sorted, 0.99):0.0}, max {(sorted.Count > 0 ? sorted[^1] : 0):0.0}"));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    // The peak of VmRSS, sampled every second while the load runs.
    private static async Task<long> SampleMemoryAsync(OcppLoadComponent component, CancellationToken cancellationToken)
    {
        long peakKiB = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                peakKiB = Math.Max(peakKiB, component.ResidentKiB());
                await Task.Delay(1000, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }

        return Math.Max(peakKiB, component.ResidentKiB());
    }
}
