using System.Net;
using System.Net.Sockets;

namespace Quoalise.Testing.Servers;

/// <summary>Free TCP ports on loopback, so parallel runs and a developer's own servers never collide.</summary>
/// <remarks>
/// A port the kernel hands out for bind(0) comes from the ephemeral range, which outgoing connections draw from too:
/// with hundreds of loopback connections opening in parallel fixtures, one took such a port in the moment between
/// handing it out and the server binding it ("address already in use"). Ports are therefore taken below that range,
/// where nothing is assigned implicitly, each checked free by binding it and handed out once per process.
/// </remarks>
public static class FreePort
{
    private const int LowestPort = 10_000;
    private const int SmallestRange = 1_000;

    private static readonly (int First, int Count) Range = BelowEphemeralRange();
    private static int _cursor = Random.Shared.Next(Range.Count);

    public static int Next()
    {
        if (Range.Count < SmallestRange)
        {
            return KernelAssigned();
        }

        for (var attempt = 0; attempt < Range.Count; attempt++)
        {
            var port = Range.First + (int)((uint)Interlocked.Increment(ref _cursor) % (uint)Range.Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free TCP port on loopback from {Range.First} to {Range.First + Range.Count - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int KernelAssigned()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Linux keeps the range in /proc ("32768	60999" by default); elsewhere the IANA one, from 49152.
    private static (int First, int Count) BelowEphemeralRange()
    {
        const string rangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        var firstEphemeral = File.Exists(rangeFile) && int.TryParse(File.ReadAllText(rangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], out var first)
            ? first
            : 49_152;
        return (LowestPort, Math.Max(0, firstEphemeral - LowestPort));
    }
}
