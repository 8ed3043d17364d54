using System.Globalization;

namespace Quoalise.Load;

/// <summary>Options of the <c>xmpp</c> verb; the defaults reproduce docs/BENCHMARKS.md.</summary>
/// <param name="Clients">Concurrent XMPP clients, each logged in through Prosody, one request in flight each.</param>
/// <param name="Seconds">Length of each measured run.</param>
/// <param name="Warmup">Seconds run before measuring (JIT, caches, connections).</param>
/// <param name="Points">Points each get_history answer carries.</param>
internal sealed record XmppLoadOptions(IReadOnlyList<int> Clients, int Seconds = 30, int Warmup = 5, int Points = 48)
{
    public const string Usage = "xmpp [--clients 1,10,50,100] [--seconds 30] [--warmup 5] [--points 48]";

    public static XmppLoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new XmppLoadOptions([1, 10, 50, 100]);
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value. Usage: {Usage}");
            options = args[i] switch
            {
                "--clients" => options with { Clients = [.. value.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))] },
                "--seconds" => options with { Seconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => options with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) },
                "--points" => options with { Points = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Usage: {Usage}"),
            };
        }

        return options;
    }
}
