using System.Globalization;

namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>
/// A connector as the charge point names it: the 1.6 connectorId (<see cref="EvseConnector"/> 0), or a 2.0.1
/// EVSE and the connector within it, whose statuses are their own (an EVSE may have a cable and a socket).
/// Written <c>1</c> or <c>1.2</c> (EVSE 1, connector 2), in series names and commands alike. Immutable.
/// </summary>
/// <param name="Connector">The 1.6 connectorId or the 2.0.1 evseId; 0 is the whole charge point.</param>
/// <param name="EvseConnector">The 2.0.1 connectorId within the EVSE; 0 when there is none (1.6).</param>
internal readonly record struct ConnectorAddress(int Connector, int EvseConnector)
{
    /// <summary>Reads <c>n</c> or <c>n.m</c>, each a non-negative 32-bit integer.</summary>
    public static bool TryParse(string text, out ConnectorAddress address)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var evseConnector = 0;
        if (int.TryParse(dot < 0 ? text : text[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var connector)
            && (dot < 0 || int.TryParse(text[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out evseConnector)))
        {
            address = new ConnectorAddress(connector, evseConnector);
            return true;
        }

        address = default;
        return false;
    }

    public override string ToString() => EvseConnector > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Connector}.{EvseConnector}")
        : Connector.ToString(CultureInfo.InvariantCulture);
}
