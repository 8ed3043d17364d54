using System.Globalization;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;

namespace Quoalise.Load;

/// <summary>Options of the <c>ocpp</c> verb; the defaults reproduce docs/BENCHMARKS.md (OCPP).</summary>
/// <param name="Component">The component to start and load: a Release build of <c>Quoalise.Component.dll</c>.</param>
/// <param name="Engine">The storage engine it runs on, a throw-away database (as the <c>storage</c> verb makes).</param>
/// <param name="ChargePoints">Simulated charge points, each on its own WebSocket.</param>
/// <param name="MeterInterval">Time between two MeterValues of one charge point.</param>
/// <param name="HeartbeatInterval">Time between two Heartbeats of one charge point.</param>
/// <param name="Ramp">Connections are spread over this time.</param>
/// <param name="Duration">How long every charge point sends once all are connected.</param>
/// <param name="Warmup">After the ramp, latencies of this long are reported apart: first samples of new series, JIT, caches.</param>
/// <param name="Prefix">Charge point ids are <c>{Prefix}-{n}</c>; the component must auto-register them (Ocpp:AutoRegister).</param>
/// <param name="HugePages">PostgreSQL only: its shared memory on huge pages, reserved for the run (root; docs/storage.md, "Huge pages").</param>
internal sealed record OcppLoadOptions(
    string Component,
    SqlEngine Engine = SqlEngine.Sqlite,
    int ChargePoints = 5_000,
    TimeSpan? MeterInterval = null,
    TimeSpan? HeartbeatInterval = null,
    TimeSpan? Ramp = null,
    TimeSpan? Duration = null,
    TimeSpan? Warmup = null,
    string Prefix = "LOAD",
    bool HugePages = false)
{
    public const string Usage =
        "ocpp --component Quoalise.Component/bin/Release/net10.0/Quoalise.Component.dll [--engine sqlite|mysql|postgres] [--charge-points 5000] [--meter-interval 00:00:10] [--heartbeat-interval 00:01:00] " +
        "[--ramp 00:01:00] [--duration 00:02:00] [--warmup 00:00:30] [--prefix LOAD] [--huge-pages]";

    public TimeSpan Meter => MeterInterval ?? TimeSpan.FromSeconds(10);

    public TimeSpan Heartbeat => HeartbeatInterval ?? TimeSpan.FromMinutes(1);

    public TimeSpan RampTime => Ramp ?? TimeSpan.FromMinutes(1);

    public TimeSpan Run => Duration ?? TimeSpan.FromMinutes(2);

    public TimeSpan WarmupTime => Warmup ?? TimeSpan.FromSeconds(30);

    public static OcppLoadOptions Parse(IReadOnlyList<string> args)
    {
        (var hugePages, args) = LoadArguments.TakeFlag(args, "--huge-pages");
        var options = new OcppLoadOptions(string.Empty) with { HugePages = hugePages };
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value. Usage: {Usage}");
            options = args[i] switch
            {
                "--component" => options with { Component = value },
                "--engine" => options with { Engine = StorageProviders.TryParse(value, out var engine) ? engine : throw new ArgumentException($"Unknown engine '{value}'; allowed: {string.Join(", ", StorageProviders.Names)}.") },
                "--charge-points" => options with { ChargePoints = int.Parse(value, CultureInfo.InvariantCulture) },
                "--meter-interval" => options with { MeterInterval = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
                "--heartbeat-interval" => options with { HeartbeatInterval = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
                "--ramp" => options with { Ramp = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
                "--duration" => options with { Duration = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => options with { Warmup = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
                "--prefix" => options with { Prefix = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Usage: {Usage}"),
            };
        }

        if (options.HugePages && options.Engine != SqlEngine.Postgres)
        {
            throw new ArgumentException("--huge-pages is for --engine postgres.");
        }

        return File.Exists(options.Component) ? options : throw new ArgumentException($"--component must name a built Quoalise.Component.dll (got '{options.Component}'). Usage: {Usage}");
    }
}
