namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>A 1.6 StartTransaction as stored; <see cref="TransactionKey"/> makes a retried one find the same row.</summary>
internal sealed record TransactionStart(
    string ChargePointId,
    string TransactionKey,
    int? ConnectorId,
    string? IdTag,
    string StartStatus,
    long StartUs,
    double? MeterStartWh,
    int? ReservationId,
    long ReceivedUs);
