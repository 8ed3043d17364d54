using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Ocpp.Authorization;
using Quoalise.Adapters.Ocpp.Configuration;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Messages;

/// <summary>
/// The OCPP 1.6 Core messages a charge point sends (research §2.1), one aspect per partial file: boot and
/// heartbeat, status, authorisation, transactions, meter values, data transfer. Thread-safe.
/// </summary>
internal sealed partial class Ocpp16Handler : IVersionHandler
{
    private static readonly FrozenSet<string> TransactionMessages = FrozenSet.Create(StringComparer.Ordinal, "StartTransaction", "StopTransaction", "MeterValues");

    private readonly BootService _boot;
    private readonly ChargePointStore _chargePoints;
    private readonly StatusRecorder _statuses;
    private readonly IdTagAuthorizer _authorizer;
    private readonly IdTagStore _tags;
    private readonly TransactionStore _transactions;
    private readonly MeterIngest _meter;
    private readonly DataTransferStore _dataTransfers;
    private readonly OcppOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FrozenDictionary<string, Func<IncomingCall, CancellationToken, Task<CallReply>>> _handlers;

    public Ocpp16Handler(
        BootService boot,
        ChargePointStore chargePoints,
        StatusRecorder statuses,
        IdTagAuthorizer authorizer,
        IdTagStore tags,
        TransactionStore transactions,
        MeterIngest meter,
        DataTransferStore dataTransfers,
        IOptions<OcppOptions> options,
        TimeProvider time,
        ILogger<Ocpp16Handler> logger)
    {
        _boot = boot;
        _chargePoints = chargePoints;
        _statuses = statuses;
        _authorizer = authorizer;
        _tags = tags;
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
            ["StartTransaction"] = StartTransactionAsync,
            ["StopTransaction"] = StopTransactionAsync,
            ["MeterValues"] = MeterValuesAsync,
            ["DataTransfer"] = DataTransferAsync,
            ["DiagnosticsStatusNotification"] = NotificationAsync,
            ["FirmwareStatusNotification"] = NotificationAsync,
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public bool Handles(string action) => _handlers.ContainsKey(action);

    public bool IsTransactionMessage(string action) => TransactionMessages.Contains(action);

    public Task<CallReply> HandleAsync(IncomingCall call, CancellationToken cancellationToken) => _handlers[call.Action](call, cancellationToken);

    private static JsonObject IdTagInfo(IdTagDecision decision)
    {
        var info = new JsonObject { ["status"] = decision.Status };
        if (decision.Expiry is { } expiry)
        {
            info["expiryDate"] = JsonFields.Format(expiry);
        }

        if (decision.ParentIdTag is { } parent)
        {
            info["parentIdTag"] = parent;
        }

        return info;
    }

    private Task<CallReply> NotificationAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        OcppLog.Notification(_logger, call.ChargePointId, call.Action, call.Payload.String("status"));
        return Task.FromResult(CallReply.Empty());
    }
}
