using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Ocpp.Authorization;
using Quoalise.Adapters.Ocpp.Configuration;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Messages;

/// <summary>
/// The OCPP 2.0.1 messages a charging station sends us (research §2.4): boot, heartbeat, status,
/// authorisation, meter values, TransactionEvent (see <c>Ocpp201Handler.Transactions.cs</c>), data transfer
/// and the notifications we acknowledge. Thread-safe.
/// </summary>
internal sealed partial class Ocpp201Handler : IVersionHandler
{
    private readonly BootService _boot;
    private readonly ChargePointStore _chargePoints;
    private readonly StatusRecorder _statuses;
    private readonly IdTagAuthorizer _authorizer;
    private readonly TransactionStore _transactions;
    private readonly MeterIngest _meter;
    private readonly DataTransferStore _dataTransfers;
    private readonly OcppOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FrozenDictionary<string, Func<IncomingCall, CancellationToken, Task<CallReply>>> _handlers;

    public Ocpp201Handler(
        BootService boot,
        ChargePointStore chargePoints,
        StatusRecorder statuses,
        IdTagAuthorizer authorizer,
        TransactionStore transactions,
        MeterIngest meter,
        DataTransferStore dataTransfers,
        IOptions<OcppOptions> options,
        TimeProvider time,
        ILogger<Ocpp201Handler> logger)
    {
        _boot = boot;
        _chargePoints = chargePoints;
        _statuses = statuses;
        _authorizer = authorizer;
        _transactions = transactions;
        _meter = meter;
        _dataTransfers = dataTransfers;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _handlers = new Dictionary<string, Func<IncomingCall, CancellationToken, Task<CallReply>>>(StringComparer.Ordinal)
        {
            ["BootNotification"] = BootNotificationAsync,
            ["Heartbeat"] = HeartbeatAsync,
            ["StatusNotification"] = StatusNotificationAsync,
            ["Authorize"] = AuthorizeAsync,
            ["MeterValues"] = MeterValuesAsync,
            ["TransactionEvent"] = TransactionEventAsync,
            ["DataTransfer"] = DataTransferAsync,
            ["FirmwareStatusNotification"] = NotificationAsync,
            ["LogStatusNotification"] = NotificationAsync,
            ["SecurityEventNotification"] = NotificationAsync,
            ["NotifyEvent"] = NotificationAsync,
            ["NotifyReport"] = NotificationAsync,
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public bool Handles(string action) => _handlers.ContainsKey(action);

    public bool IsTransactionMessage(string action) => action == "TransactionEvent";

    public Task<CallReply> HandleAsync(IncomingCall call, CancellationToken cancellationToken) => _handlers[call.Action](call, cancellationToken);

    private async Task<CallReply> BootNotificationAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        var station = call.Payload.Field("chargingStation");
        var modem = station?.Field("modem");
        var (status, interval) = await _boot.BootAsync(
            call.Connection,
            new BootRecord(
                call.ChargePointId,
                OcppSubprotocols.Ocpp201,
                call.Payload.String("reason"),
                Status: string.Empty,
                station?.String("vendorName"),
                station?.String("model"),
                station?.String("serialNumber"),
                ChargeBoxSerialNumber: null,
                station?.String("firmwareVersion"),
                modem?.String("iccid"),
                modem?.String("imsi"),
                MeterType: null,
                MeterSerialNumber: null,
                call.Payload.GetRawText(),
                call.ReceivedUs),
            cancellationToken);
        return CallReply.Of(new JsonObject
        {
            ["currentTime"] = JsonFields.Format(_time.GetUtcNow()),
            ["interval"] = (int)interval.TotalSeconds,
            ["status"] = status,
        });
    }

    private async Task<CallReply> HeartbeatAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        await _chargePoints.RecordHeartbeatAsync(call.ChargePointId, call.ReceivedUs, cancellationToken);
        return CallReply.Of(new JsonObject { ["currentTime"] = JsonFields.Format(_time.GetUtcNow()) });
    }

    // 2.0.1 reports errors through NotifyEvent, not here: the error code is NoError.
    private async Task<CallReply> StatusNotificationAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        var p = call.Payload;
        await _statuses.RecordAsync(
            new StatusRecord(
                call.ChargePointId,
                p.Int("evseId") ?? 0,
                p.Int("connectorId") ?? 0,
                UnixMicros.From(p.Time("timestamp") ?? call.ReceivedAt),
                p.String("connectorStatus")!,
                "NoError",
                null,
                null,
                null,
                call.ReceivedUs),
            cancellationToken);
        return CallReply.Empty();
    }

    private async Task<CallReply> AuthorizeAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        var token = call.Payload.Field("idToken")!.Value;
        var decision = await DecideAsync(token.String("idToken")!, token.String("type")!, startingTransactionId: null, cancellationToken);
        OcppLog.Authorized(_logger, call.ChargePointId, token.String("idToken")!, decision.Status);
        return CallReply.Of(new JsonObject { ["idTokenInfo"] = IdTokenInfo(decision) });
    }

    private async Task<CallReply> MeterValuesAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        var evseId = call.Payload.Int("evseId") ?? 0;
        var samples = Metering.SampledValueReader.Read(call.Payload.Items("meterValue"), evseId, call.ReceivedAt, v201: true, call.Problems);
        await _meter.IngestAsync(call, samples, transactionId: null, cancellationToken);
        return CallReply.Empty();
    }

    private async Task<CallReply> DataTransferAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        var vendorId = call.Payload.String("vendorId")!;
        var status = _options.DataTransferVendors.Contains(vendorId, StringComparer.Ordinal) ? "Accepted" : "UnknownVendorId";
        await _dataTransfers.RecordAsync(
            call.ChargePointId, call.MessageId, vendorId, call.Payload.String("messageId"), call.Payload.Field("data")?.GetRawText(), status, call.ReceivedUs, cancellationToken);
        return CallReply.Of(new JsonObject { ["status"] = status });
    }

    private Task<CallReply> NotificationAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        OcppLog.Notification(_logger, call.ChargePointId, call.Action, call.Payload.String("status") ?? call.Payload.String("type"));
        return Task.FromResult(CallReply.Empty());
    }

    // NoAuthorization tokens carry no identity: the station asks only to record the session (2.0.1 C01).
    private Task<IdTagDecision> DecideAsync(string idToken, string type, long? startingTransactionId, CancellationToken cancellationToken) =>
        type == "NoAuthorization"
            ? Task.FromResult(new IdTagDecision(IdTagDecision.Accepted, null, null))
            : _authorizer.AuthorizeAsync(idToken, startingTransactionId, cancellationToken);

    private static JsonObject IdTokenInfo(IdTagDecision decision)
    {
        var info = new JsonObject { ["status"] = decision.Status };
        if (decision.Expiry is { } expiry)
        {
            info["cacheExpiryDateTime"] = JsonFields.Format(expiry);
        }

        if (decision.ParentIdTag is { } parent)
        {
            info["groupIdToken"] = new JsonObject { ["idToken"] = parent, ["type"] = "Central" };
        }

        return info;
    }
}
