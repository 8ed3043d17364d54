namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>What a BootNotification said, in either version, and how it was answered.</summary>
internal sealed record BootRecord(
    string ChargePointId,
    string OcppVersion,
    string? Reason,
    string Status,
    string? Vendor,
    string? Model,
    string? SerialNumber,
    string? ChargeBoxSerialNumber,
    string? FirmwareVersion,
    string? Iccid,
    string? Imsi,
    string? MeterType,
    string? MeterSerialNumber,
    string Payload,
    long ReceivedUs);
