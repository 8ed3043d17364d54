using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Quoalise.Load;

/// <summary>
/// The <c>ocpp</c> verb: thousands of OCPP 1.6 charge points against a running component (docs/BENCHMARKS.md,
/// "OCPP"). Reports the MeterValues CALLRESULT latency percentiles, the component's peak resident memory, and,
/// given its database, whether every acknowledged sample is stored.
/// </summary>
internal static class OcppLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = OcppLoadOptions.Parse(args);
        var started = DateTimeOffset.UtcNow;
        var stopAt = started + options.RampTime + options.Run;
        using var sampling = new CancellationTokenSource();
        var memory = SampleMemoryAsync(options.ComponentPid, sampling.Token);
        var chargePoints = Enumerable.Range(0, options.ChargePoints)
            .Select(i => new OcppLoadChargePoint($"{options.Prefix}-{i:D5}", options))
            .ToList();
        Console.WriteLine($"{options.ChargePoints} charge points, connecting over {options.RampTime}, sending for {options.Run} (MeterValues every {options.Meter}, Heartbeat every {options.Heartbeat})");
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
        var peakRssMiB = await memory;
        var latencies = chargePoints.SelectMany(c => c.MeterLatenciesMs).Order().ToList();
        var acknowledged = chargePoints.Sum(c => c.MetersAcknowledged);
        Console.WriteLine($"Charge points failed: {failures}; CALLERRORs: {chargePoints.Sum(c => c.Errors)}");
        Console.WriteLine($"MeterValues acknowledged: {acknowledged} ({acknowledged / options.Run.TotalSeconds:0} per second over the run)");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"CALLRESULT latency (ms): p50 {Percentile(latencies, 0.50):0.0}, p90 {Percentile(latencies, 0.90):0.0}, p99 {Percentile(latencies, 0.99):0.0}, max {(latencies.Count > 0 ? latencies[^1] : 0):0.0}"));
        if (peakRssMiB is { } peak)
        {
            Console.WriteLine($"Component peak resident memory: {peak} MiB");
        }

        if (options.Database is { } database)
        {
            // Each acknowledged MeterValues carries four samples; each start adds its meterStart and each stop its meterStop.
            var expected = ((long)acknowledged * OcppLoadChargePoint.SamplesPerMessage) + (2L * (options.ChargePoints - failures));
            var stored = await CountSamplesAsync(database, options.Prefix);
            Console.WriteLine($"Samples stored: {stored}, expected at least {expected}: {(stored >= expected ? "none lost" : $"{expected - stored} LOST")}");
            return failures == 0 && stored >= expected ? 0 : 1;
        }

        return failures == 0 ? 0 : 1;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task<long> CountSamplesAsync(string connectionString, string prefix)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM ocpp_meter_samples WHERE charge_point_id LIKE $prefix";
        command.Parameters.AddWithValue("$prefix", prefix + "-%");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // VmRSS of /proc/<pid>/status, every second: the peak is the component's memory under load.
    private static async Task<long?> SampleMemoryAsync(int? pid, CancellationToken cancellationToken)
    {
        if (pid is null)
        {
            return null;
        }

        long peakKiB = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                if (line is not null)
                {
                    peakKiB = Math.Max(peakKiB, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
                }

                await Task.Delay(1000, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }

        return peakKiB / 1024;
    }
}
