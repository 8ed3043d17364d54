using Microsoft.Extensions.Logging;
using Quoalise.Adapters.Ocpp.Connections;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Adapters.Ocpp.Schemas;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Messages;

/// <summary>
/// The gate every CALL passes, in order: a known action (NotImplemented), one we handle (NotSupported), a
/// charge point Accepted at boot (SecurityError, 1.6 errata 3.8), a payload that fits its official schema
/// (the matching constraint violation), except for transaction messages, which are processed anyway and
/// their problems recorded. Our own answers are checked against the response schemas too. Thread-safe.
/// </summary>
internal sealed class IncomingCallDispatcher : ICallDispatcher
{
    public const string BootNotification = "BootNotification";

    private readonly OcppSchemaValidator _schemas;
    private readonly Ocpp16Handler _v16;
    private readonly Ocpp201Handler _v201;
    private readonly MessageIssueStore _issues;
    private readonly ILogger _logger;

    public IncomingCallDispatcher(OcppSchemaValidator schemas, Ocpp16Handler v16, Ocpp201Handler v201, MessageIssueStore issues, ILogger<IncomingCallDispatcher> logger)
    {
        _schemas = schemas;
        _v16 = v16;
        _v201 = v201;
        _issues = issues;
        _logger = logger;
    }

    public async Task<CallReply> DispatchAsync(ChargePointConnection connection, CallFrame call, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var version = connection.Version;
        IVersionHandler handler = version == OcppVersion.V16 ? _v16 : _v201;
        if (!_schemas.IsAction(version, call.Action))
        {
            OcppLog.UnknownAction(_logger, connection.ChargePointId, call.Action);
            return CallReply.Fail(OcppErrors.NotImplemented(version, call.Action));
        }

        if (!handler.Handles(call.Action))
        {
            OcppLog.UnsupportedAction(_logger, connection.ChargePointId, call.Action);
            return CallReply.Fail(OcppErrors.NotSupported(version, call.Action));
        }

        if (!connection.IsAccepted && call.Action != BootNotification)
        {
            OcppLog.NotAccepted(_logger, connection.ChargePointId, call.Action);
            return CallReply.Fail(OcppErrors.NotAccepted(version, call.Action));
        }

        var violations = _schemas.Validate(version, call.Action, PayloadKind.Request, call.Payload);
        if (violations.Count > 0 && !handler.IsTransactionMessage(call.Action))
        {
            var description = $"{call.Action}: {string.Join("; ", violations)}";
            OcppLog.InvalidPayload(_logger, connection.ChargePointId, call.Action, description);
            return CallReply.Fail(OcppErrors.Create(version, violations[0].Code, description));
        }

        var incoming = new IncomingCall(connection, call.MessageId, call.Action, call.Payload, receivedAt, violations.Select(v => "schema: " + v));
        var reply = await handler.HandleAsync(incoming, cancellationToken);
        if (incoming.Problems.Count > 0)
        {
            var problems = string.Join(" ", incoming.Problems);
            OcppLog.AcceptedWithProblems(_logger, connection.ChargePointId, call.Action, call.MessageId, problems);
            await _issues.RecordAsync(connection.ChargePointId, call.Action, call.MessageId, problems, call.Payload.GetRawText(), incoming.ReceivedUs, cancellationToken);
        }

        if (reply.Result is { } result)
        {
            using var answer = System.Text.Json.JsonDocument.Parse(result.ToJsonString());
            var own = _schemas.Validate(version, call.Action, PayloadKind.Response, answer.RootElement);
            if (own.Count > 0)
            {
                OcppLog.InvalidOwnResponse(_logger, connection.ChargePointId, call.Action, string.Join("; ", own));
            }
        }

        return reply;
    }
}
