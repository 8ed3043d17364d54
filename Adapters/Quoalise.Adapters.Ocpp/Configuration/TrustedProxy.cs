using System.Net;
using System.Net.Sockets;

namespace Quoalise.Adapters.Ocpp.Configuration;

/// <summary>An entry of <c>Ocpp:TrustedProxies</c>: an address (<c>10.0.0.5</c>, <c>::1</c>) or a network (<c>10.0.0.0/8</c>). Stateless.</summary>
internal static class TrustedProxy
{
    public static bool TryParse(string? entry, out IPNetwork network)
    {
        if (entry is not null && !entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(entry, out network);
    }
}
