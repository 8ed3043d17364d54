using System.Globalization;

namespace Quoalise.Load;

/// <summary>Options of the <c>ocpp</c> verb; the defaults reproduce docs/BENCHMARKS.md (OCPP).</summary>
/// <param name="Endpoint">The component's OCPP endpoint, without the charge point id.</param>
/// <param name="ChargePoints">Simulated charge points, each on its own WebSocket.</param>
/// <param name="MeterInterval">Time between two MeterValues of one charge point.</param>
/// <param name="HeartbeatInterval">Time between two Heartbeats of one charge point.</param>
/// <param name="Ramp">Connections are spread over this time.</param>
/// <param name="Duration">How long every charge point sends once all are connected.</param>
/// <param name="Prefix">Charge point ids are <c>{Prefix}-{n}</c>; the component must auto-register them (Ocpp:AutoRegister).</param>
/// <param name="Database">A connection string to the component's SQLite file: the samples stored are counted against those acknowledged.</param>
/// <param name="ComponentPid">The component's process id: its resident memory is sampled every second.</param>
internal sealed record OcppLoadOptions(
    Uri Endpoint,
    int ChargePoints = 5_000,
    TimeSpan? MeterInterval = null,
    TimeSpan? HeartbeatInterval = null,
    TimeSpan? Ramp = null,
    TimeSpan? Duration = null,
    string Prefix = "LOAD",
    string? Database = null,
    int? ComponentPid = null)
{
    public const string Usage =
        "ocpp --endpoint ws://127.0.0.1:8080/ocpp [--charge-points 5000] [--meter-interval 00:00:10] [--heartbeat-interval 00:01:00] " +
        "[--ramp 00:01:00] [--duration 00:02:00] [--prefix LOAD] [--database 'Data Source=…/quoalise.db'] [--component-pid PID]";

    public TimeSpan Meter => MeterInterval ?? TimeSpan.FromSeconds(10);

    public TimeSpan Heartbeat => HeartbeatInterval ?? TimeSpan.FromMinutes(1);

    public TimeSpan RampTime => Ramp ?? TimeSpan.FromMinutes(1);

    public TimeSpan Run => Duration ?? TimeSpan.FromMinutes(2);

    public static OcppLoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new OcppLoadOptions(new Uri("ws://127.0.0.1:8080/ocpp"));
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value. Usage: {Usage}");
            options = args[i] switch
            {
                "--endpoint" => options with { Endpoint = new Uri(value.TrimEnd('/')) },
                "--charge-points" => options with { ChargePoints = int.Parse(value, CultureInfo.InvariantCulture) },
                "--meter-interval" => options with { MeterInterval = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
                "--heartbeat-interval" => options with { HeartbeatInterval = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
                "--ramp" => options with { Ramp = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
                "--duration" => options with { Duration = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
                "--prefix" => options with { Prefix = value },
                "--database" => options with { Database = value },
                "--component-pid" => options with { ComponentPid = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Usage: {Usage}"),
            };
        }

        return options;
    }
}
