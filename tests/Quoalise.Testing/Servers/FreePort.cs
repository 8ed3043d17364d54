using System.Net;
using System.Net.Sockets;

namespace Quoalise.Testing.Servers;

/// <summary>Free TCP ports on loopback, so parallel runs and a developer's own servers never collide.</summary>
public static class FreePort
{
    /// <summary>A port the kernel just handed out; the tiny race before the server binds it is accepted.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
