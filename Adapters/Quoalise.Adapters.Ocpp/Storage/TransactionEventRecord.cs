namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>One 2.0.1 TransactionEvent, as kept in <c>ocpp_transaction_events</c> and applied to its transaction.</summary>
internal sealed record TransactionEventRecord(
    long TransactionId,
    int SeqNo,
    string EventType,
    string TriggerReason,
    long TimestampUs,
    bool Offline,
    string? ChargingState,
    int? TimeSpentCharging,
    string? StoppedReason,
    int? RemoteStartId,
    int? EvseId,
    int? EvseConnectorId,
    string? IdToken,
    string? IdTokenType,
    long ReceivedUs);
