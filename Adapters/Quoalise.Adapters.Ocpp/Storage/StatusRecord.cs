namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>
/// One StatusNotification. <see cref="ConnectorId"/> is the 1.6 connectorId or the 2.0.1 evseId (0 = the
/// whole charge point); <see cref="EvseConnectorId"/> is the 2.0.1 connectorId within the EVSE (0 on 1.6).
/// The latest status is kept per (connector, EVSE connector).
/// </summary>
internal sealed record StatusRecord(
    string ChargePointId,
    int ConnectorId,
    int EvseConnectorId,
    long TimestampUs,
    string Status,
    string ErrorCode,
    string? Info,
    string? VendorId,
    string? VendorErrorCode,
    long ReceivedUs)
{
    public ConnectorAddress Address => new(ConnectorId, EvseConnectorId);
}
