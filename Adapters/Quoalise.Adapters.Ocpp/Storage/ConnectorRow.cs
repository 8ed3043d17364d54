namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>The latest status of one connector (2.0.1: one EVSE).</summary>
internal sealed class ConnectorRow
{
    public string ChargePointId { get; init; } = string.Empty;

    public long ConnectorId { get; init; }

    public string Status { get; init; } = string.Empty;

    public string? ErrorCode { get; init; }

    public long StatusUs { get; init; }
}
