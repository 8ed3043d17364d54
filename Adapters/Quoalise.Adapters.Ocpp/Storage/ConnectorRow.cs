namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>The latest status of one connector (2.0.1: one connector of one EVSE).</summary>
internal sealed class ConnectorRow
{
    public string ChargePointId { get; init; } = string.Empty;

    /// <summary>The 1.6 connectorId or the 2.0.1 evseId.</summary>
    public long ConnectorId { get; init; }

    /// <summary>The 2.0.1 connectorId within the EVSE; 0 on 1.6.</summary>
    public long EvseConnectorId { get; init; }

    public string Status { get; init; } = string.Empty;

    public string? ErrorCode { get; init; }

    public long StatusUs { get; init; }

    public ConnectorAddress Address => new((int)ConnectorId, (int)EvseConnectorId);
}
