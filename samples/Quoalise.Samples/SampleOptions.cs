using System.Globalization;

namespace Quoalise.Samples;

/// <summary>Command-line options shared by the samples; defaults reach the component's embedded broker on this machine.</summary>
internal sealed record SampleOptions(
    string Host = "127.0.0.1",
    int Port = 1883,
    int Greenhouse = 1,
    int Bed = 1,
    string Mac = "24:D7:EB:38:DC:38",
    string Ip = "192.168.42.85",
    TimeSpan? Interval = null,
    int Count = 10,
    string? CaCertificate = null,
    string? Certificate = null,
    string? Key = null)
{
    public const string Usage =
        "[--host 127.0.0.1] [--port 1883] [--greenhouse 1] [--bed 1] [--mac 24:D7:EB:38:DC:38] [--ip 192.168.42.85] " +
        "[--interval 00:00:05] [--count 10] [--ca ca.crt --cert client.crt --key client.key]";

    public TimeSpan EffectiveInterval => Interval ?? TimeSpan.FromSeconds(5);

    public static SampleOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SampleOptions();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--host" => options with { Host = value },
                "--port" => options with { Port = int.Parse(value, CultureInfo.InvariantCulture) },
                "--greenhouse" => options with { Greenhouse = int.Parse(value, CultureInfo.InvariantCulture) },
                "--bed" => options with { Bed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--mac" => options with { Mac = value },
                "--ip" => options with { Ip = value },
                "--interval" => options with { Interval = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
                "--count" => options with { Count = int.Parse(value, CultureInfo.InvariantCulture) },
                "--ca" => options with { CaCertificate = value },
                "--cert" => options with { Certificate = value },
                "--key" => options with { Key = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: {Usage}"),
            };
        }

        return options;
    }
}
