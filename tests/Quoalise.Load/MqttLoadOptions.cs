using System.Globalization;

namespace Quoalise.Load;

/// <summary>Options of the <c>mqtt</c> verb; the defaults reproduce docs/BENCHMARKS.md, "MQTT".</summary>
/// <param name="Publishers">Concurrent MQTT devices, one connection and one bed each, QoS 1, one message in flight each.</param>
/// <param name="Seconds">Length of the measured run.</param>
/// <param name="Warmup">Seconds run before measuring.</param>
/// <param name="Storage"><c>sqlite</c>, <c>postgres</c> or <c>mysql</c> (a private PostgreSQL or MariaDB started for the run).</param>
/// <param name="PacketIds">Throughput run only: packet ids each device cycles through (below 65,535: sessions whose ids wrapped).</param>
/// <param name="Latency">Measure publish → push through Prosody instead of ingest throughput.</param>
/// <param name="Rate">Latency run only: background messages per second, to beds nobody follows.</param>
/// <param name="Followed">Latency run only: beds the subscriber follows, each publishing one reading a second.</param>
/// <param name="Broker">Throughput run only: <c>embedded</c>, or <c>mosquitto</c> (a private Mosquitto, the component in external mode).</param>
/// <param name="HugePages">PostgreSQL only: its shared memory on huge pages, reserved for the run (root; docs/storage.md, "Huge pages").</param>
/// <param name="PostgresSettings">PostgreSQL only: server settings (<c>name=value</c>), e.g. <c>shared_buffers=1GB</c>.</param>
internal sealed record MqttLoadOptions(
    int Publishers = 500,
    int Seconds = 30,
    int Warmup = 5,
    string Storage = "sqlite",
    ushort PacketIds = ushort.MaxValue,
    bool Latency = false,
    int Rate = 2000,
    int Followed = 5,
    string Broker = "embedded",
    bool HugePages = false,
    IReadOnlyList<string>? PostgresSettings = null)
{
    public const string Usage =
        "mqtt [--publishers 500] [--seconds 30] [--warmup 5] [--storage sqlite|postgres|mysql] [--huge-pages] [--postgres-setting name=value]... [--packet-ids 65535] [--broker embedded|mosquitto] " +
        "[--latency --rate 2000 --followed 5]";

    public static MqttLoadOptions Parse(IReadOnlyList<string> args)
    {
        (var latency, args) = LoadArguments.TakeFlag(args, "--latency");
        (var hugePages, args) = LoadArguments.TakeFlag(args, "--huge-pages");
        var options = new MqttLoadOptions(Latency: latency, HugePages: hugePages);
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value. Usage: {Usage}");
            options = args[i - 1] switch
            {
                "--publishers" => options with { Publishers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => options with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) },
                "--storage" when value is "sqlite" or "postgres" or "mysql" => options with { Storage = value },
                "--packet-ids" => options with
                {
                    PacketIds = int.Parse(value, CultureInfo.InvariantCulture) is >= 1 and <= ushort.MaxValue and var ids
                        ? (ushort)ids
                        : throw new ArgumentException($"--packet-ids must be from 1 to 65535 (got {value})."),
                },
                "--postgres-setting" => options with { PostgresSettings = [.. options.PostgresSettings ?? [], value] },
                "--broker" when value is "embedded" or "mosquitto" => options with { Broker = value },
                "--rate" => options with { Rate = int.Parse(value, CultureInfo.InvariantCulture) },
                "--followed" => options with { Followed = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i - 1]} {value}. Usage: {Usage}"),
            };
        }

        return (options.HugePages || options.PostgresSettings is not null) && options.Storage != "postgres"
            ? throw new ArgumentException("--huge-pages and --postgres-setting are for --storage postgres.")
            : options;
    }
}
