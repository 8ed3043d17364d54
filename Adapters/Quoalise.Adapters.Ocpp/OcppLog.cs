using Microsoft.Extensions.Logging;

namespace Quoalise.Adapters.Ocpp;

/// <summary>
/// Every log line of the adapter, ids 5000–5999: 50xx connections and handshakes, 51xx RPC frames, 52xx
/// charge point messages, 53xx storage, 54xx operator commands. Raw frames at Trace only.
/// </summary>
internal static partial class OcppLog
{
    [LoggerMessage(5000, LogLevel.Information, "Charge point {ChargePointId} connected with {Protocol} from {Remote}")]
    public static partial void Connected(ILogger logger, string chargePointId, string protocol, string? remote);

    [LoggerMessage(5001, LogLevel.Information, "Charge point {ChargePointId} disconnected after {Duration}")]
    public static partial void Disconnected(ILogger logger, string chargePointId, TimeSpan duration);

    [LoggerMessage(5002, LogLevel.Information, "Charge point {ChargePointId} connected again: its previous connection is closed")]
    public static partial void Replaced(ILogger logger, string chargePointId);

    [LoggerMessage(5003, LogLevel.Warning, "Unknown charge point {ChargePointId} tried to connect from {Remote}: answered 404 (register it with manage_charge_point, or set Ocpp:AutoRegister)")]
    public static partial void UnknownChargePoint(ILogger logger, string chargePointId, string? remote);

    [LoggerMessage(5004, LogLevel.Warning, "Charge point {ChargePointId} was registered automatically on its first connection from {Remote}, with status {Status}")]
    public static partial void AutoRegistered(ILogger logger, string chargePointId, string? remote, string status);

    [LoggerMessage(5005, LogLevel.Warning, "Charge point {ChargePointId} from {Remote} refused: {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, string chargePointId, string? remote, string reason);

    [LoggerMessage(5006, LogLevel.Warning, "Charge point {ChargePointId} offered no subprotocol we speak ({Offered}); closed after the handshake as OCPP-J requires")]
    public static partial void NoSubprotocol(ILogger logger, string chargePointId, string offered);

    [LoggerMessage(5007, LogLevel.Warning, "A connection from {Remote} was refused: {Reason}")]
    public static partial void BadIdentity(ILogger logger, string? remote, string reason);

    [LoggerMessage(5008, LogLevel.Information, "Charge point {ChargePointId}: socket ended abruptly ({Reason})")]
    public static partial void SocketFailed(ILogger logger, string chargePointId, string reason);

    [LoggerMessage(5009, LogLevel.Warning, "Charge point {ChargePointId} sends faster than {Rate} messages/s: reading is slowed down")]
    public static partial void Throttled(ILogger logger, string chargePointId, double rate);

    [LoggerMessage(5010, LogLevel.Warning, "Charge point {ChargePointId} sent a message over {Limit} bytes: connection closed with 1009")]
    public static partial void MessageTooLarge(ILogger logger, string chargePointId, int limit);

    [LoggerMessage(5011, LogLevel.Information, "Charge point {ChargePointId} was deleted by {Requester} while connected: its connection is closed")]
    public static partial void DeletedWhileConnected(ILogger logger, string chargePointId, string requester);

    [LoggerMessage(5012, LogLevel.Warning, "Charge point {ChargePointId}: its last-seen time could not be written when its connection ended ({Reason})")]
    public static partial void LastSeenNotRecorded(ILogger logger, string chargePointId, string reason);

    [LoggerMessage(5100, LogLevel.Trace, "{ChargePointId} >> {Frame}")]
    public static partial void FrameIn(ILogger logger, string chargePointId, string frame);

    [LoggerMessage(5101, LogLevel.Trace, "{ChargePointId} << {Frame}")]
    public static partial void FrameOut(ILogger logger, string chargePointId, string frame);

    [LoggerMessage(5102, LogLevel.Warning, "Charge point {ChargePointId} sent a malformed frame: {Problem}")]
    public static partial void BadFrame(ILogger logger, string chargePointId, string problem);

    [LoggerMessage(5103, LogLevel.Warning, "Charge point {ChargePointId} answered message {MessageId}, which is no call of ours in progress (late or unknown): ignored")]
    public static partial void UnexpectedAnswer(ILogger logger, string chargePointId, string messageId);

    [LoggerMessage(5104, LogLevel.Warning, "Charge point {ChargePointId} sent {Action}, not an action of its OCPP version: NotImplemented")]
    public static partial void UnknownAction(ILogger logger, string chargePointId, string action);

    [LoggerMessage(5105, LogLevel.Warning, "Charge point {ChargePointId} sent {Action}, which this central system does not handle: NotSupported")]
    public static partial void UnsupportedAction(ILogger logger, string chargePointId, string action);

    [LoggerMessage(5106, LogLevel.Warning, "Charge point {ChargePointId} sent {Action} before being Accepted at boot: SecurityError")]
    public static partial void NotAccepted(ILogger logger, string chargePointId, string action);

    [LoggerMessage(5107, LogLevel.Warning, "Charge point {ChargePointId} sent an invalid {Action}: {Problems}")]
    public static partial void InvalidPayload(ILogger logger, string chargePointId, string action, string problems);

    [LoggerMessage(5108, LogLevel.Error, "Our answer to {Action} from {ChargePointId} breaks its schema: {Problems}")]
    public static partial void InvalidOwnResponse(ILogger logger, string chargePointId, string action, string problems);

    [LoggerMessage(5109, LogLevel.Error, "{Action} {MessageId} from {ChargePointId} failed; answered InternalError so that the charge point retries")]
    public static partial void CallFailed(ILogger logger, string chargePointId, string action, string messageId, Exception exception);

    [LoggerMessage(5110, LogLevel.Error, "Charge point {ChargePointId}: transaction {TransactionId} is beyond the 32-bit transactionId of OCPP 1.6; its StartTransaction was refused and the session not kept")]
    public static partial void TransactionIdOutOfRange(ILogger logger, string chargePointId, long transactionId);

    [LoggerMessage(5200, LogLevel.Information, "Charge point {ChargePointId} booted ({Vendor} {Model}, firmware {Firmware}): {Status}")]
    public static partial void Booted(ILogger logger, string chargePointId, string? vendor, string? model, string? firmware, string status);

    [LoggerMessage(5201, LogLevel.Information, "Charge point {ChargePointId}: id tag {IdTag} is {Status}")]
    public static partial void Authorized(ILogger logger, string chargePointId, string idTag, string status);

    [LoggerMessage(5202, LogLevel.Information, "Charge point {ChargePointId}: transaction {TransactionId} started on connector {ConnectorId} by {IdTag} ({Status})")]
    public static partial void TransactionStarted(ILogger logger, string chargePointId, long transactionId, int connectorId, string? idTag, string status);

    [LoggerMessage(5203, LogLevel.Information, "Charge point {ChargePointId} repeated the start of transaction {TransactionId}: same transactionId answered")]
    public static partial void DuplicateStart(ILogger logger, string chargePointId, long transactionId);

    [LoggerMessage(5204, LogLevel.Information, "Charge point {ChargePointId}: transaction {TransactionId} stopped ({Reason})")]
    public static partial void TransactionStopped(ILogger logger, string chargePointId, long transactionId, string reason);

    [LoggerMessage(5205, LogLevel.Warning, "Charge point {ChargePointId} stopped transaction {TransactionId}, which it never started here: answered normally and recorded")]
    public static partial void UnknownTransactionStop(ILogger logger, string chargePointId, int transactionId);

    [LoggerMessage(5206, LogLevel.Information, "Charge point {ChargePointId}: transaction {TransactionId} ('{StationTransactionId}') {EventType}, seqNo {SeqNo}, offline {Offline}")]
    public static partial void TransactionEvent(ILogger logger, string chargePointId, long transactionId, string stationTransactionId, string eventType, int seqNo, bool offline);

    [LoggerMessage(5207, LogLevel.Information, "Charge point {ChargePointId} repeated event {SeqNo} of transaction '{StationTransactionId}': already applied")]
    public static partial void DuplicateEvent(ILogger logger, string chargePointId, string stationTransactionId, int seqNo);

    [LoggerMessage(5208, LogLevel.Warning, "{Action} {MessageId} from {ChargePointId} was accepted with problems, recorded in ocpp_message_issues: {Problems}")]
    public static partial void AcceptedWithProblems(ILogger logger, string chargePointId, string action, string messageId, string problems);

    [LoggerMessage(5209, LogLevel.Information, "Charge point {ChargePointId}: {Action} {Status}")]
    public static partial void Notification(ILogger logger, string chargePointId, string action, string? status);

    [LoggerMessage(5300, LogLevel.Error, "Storing {Count} meter samples failed; their messages were refused and will be retried by the charge points")]
    public static partial void SampleBatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(5301, LogLevel.Warning, "{Count} series, {Identifier} the first, could not be registered in the catalogue; their points are kept and each is registered when next seen")]
    public static partial void SeriesRegistrationFailed(ILogger logger, int count, string identifier, Exception exception);

    [LoggerMessage(5400, LogLevel.Information, "{Requester} sent {Action} to {ChargePointId}: {Outcome}")]
    public static partial void OperatorCall(ILogger logger, string requester, string action, string chargePointId, string outcome);
}
