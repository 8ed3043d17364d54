namespace Quoalise.Adapters.Ocpp.Rpc;

/// <summary>
/// The IANA-registered WebSocket subprotocols (OCPP-J 1.6 §3.1.2, OCPP 2.0.1 Part 4 §3.1.2) and their
/// negotiation: the first one in the charge point's order of preference that we speak wins.
/// </summary>
internal static class OcppSubprotocols
{
    public const string Ocpp16 = "ocpp1.6";
    public const string Ocpp201 = "ocpp2.0.1";

    public static IReadOnlyList<string> Supported { get; } = [Ocpp16, Ocpp201];

    public static string NameOf(OcppVersion version) => version == OcppVersion.V16 ? Ocpp16 : Ocpp201;

    /// <param name="offered">The Sec-WebSocket-Protocol values, in the client's order.</param>
    /// <returns>The chosen version, or null when none is ours (the handshake then completes without one and closes).</returns>
    public static OcppVersion? Negotiate(IEnumerable<string> offered)
    {
        foreach (var protocol in offered)
        {
            switch (protocol.Trim())
            {
                case Ocpp16:
                    return OcppVersion.V16;
                case Ocpp201:
                    return OcppVersion.V201;
            }
        }

        return null;
    }
}
