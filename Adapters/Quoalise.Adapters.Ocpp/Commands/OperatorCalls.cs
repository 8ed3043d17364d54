using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Ocpp.Configuration;
using Quoalise.Adapters.Ocpp.Connections;
using Quoalise.Adapters.Ocpp.Messages;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Adapters.Ocpp.Schemas;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary>
/// Sends an operator's call to a charge point and turns what happens into the command's answer: the charge
/// point's own status, or a clear error — not connected (Unavailable), no answer in time (Timeout), a
/// CALLERROR or a refusing status (Upstream, issuer = the charge point, code = its code or status).
/// Thread-safe.
/// </summary>
internal sealed class OperatorCalls
{
    private readonly ConnectionRegistry _connections;
    private readonly ChargePointStore _chargePoints;
    private readonly OcppSchemaValidator _schemas;
    private readonly OcppOptions _options;
    private readonly ILogger _logger;

    public OperatorCalls(ConnectionRegistry connections, ChargePointStore chargePoints, OcppSchemaValidator schemas, IOptions<OcppOptions> options, ILogger<OperatorCalls> logger)
    {
        _connections = connections;
        _chargePoints = chargePoints;
        _schemas = schemas;
        _options = options.Value;
        _logger = logger;
    }

    public Task<OperatorCallResult> CallAsync(Jid requester, string chargePointId, Func<OcppVersion, OperatorCall> build, CancellationToken cancellationToken) =>
        CallAsync(requester, chargePointId, _ => null, build, cancellationToken);

    /// <param name="refuse">What the command cannot ask of a charge point of this version, checked on the very connection the call goes to.</param>
    public async Task<OperatorCallResult> CallAsync(
        Jid requester, string chargePointId, Func<OcppVersion, CommandError?> refuse, Func<OcppVersion, OperatorCall> build, CancellationToken cancellationToken)
    {
        if (_connections.Find(chargePointId) is not { } connection)
        {
            var known = await _chargePoints.FindAsync(chargePointId, cancellationToken);
            var seen = known?.LastSeenUs is { } us ? $" (last seen {JsonFields.Format(UnixMicros.ToTime(us))})" : string.Empty;
            return OperatorCallResult.Fail(new CommandError(CommandErrorKind.Unavailable, $"Charge point {chargePointId} is not connected{seen}."));
        }

        if (!connection.IsAccepted)
        {
            return OperatorCallResult.Fail(new CommandError(
                CommandErrorKind.Conflict, $"Charge point {chargePointId} is connected but not Accepted at boot; it takes no commands until it is."));
        }

        if (refuse(connection.Version) is { } refused)
        {
            return OperatorCallResult.Fail(refused);
        }

        var call = build(connection.Version);
        using (var request = JsonDocument.Parse(call.Payload.ToJsonString()))
        {
            var invalid = _schemas.Validate(connection.Version, call.Action, PayloadKind.Request, request.RootElement);
            if (invalid.Count > 0)
            {
                return OperatorCallResult.Fail(new CommandError(CommandErrorKind.BadRequest, $"{call.Action} would be invalid: {string.Join("; ", invalid)}."));
            }
        }

        var outcome = await connection.CallAsync(call.Action, call.Payload, cancellationToken);
        var result = Interpret(chargePointId, connection.Version, call, outcome);
        OcppLog.OperatorCall(_logger, requester.Bare.ToString(), call.Action, chargePointId, result.Error?.Text ?? result.Status ?? "answered");
        return result;
    }

    private OperatorCallResult Interpret(string chargePointId, OcppVersion version, OperatorCall call, CallOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case CallOutcomeKind.Offline:
                return OperatorCallResult.Fail(new CommandError(CommandErrorKind.Unavailable, $"Charge point {chargePointId} disconnected before answering {call.Action}."));
            case CallOutcomeKind.Timeout:
                return OperatorCallResult.Fail(new CommandError(
                    CommandErrorKind.Timeout, string.Create(CultureInfo.InvariantCulture, $"Charge point {chargePointId} did not answer {call.Action} within {_options.CallTimeout.TotalSeconds:0} s.")));
            case CallOutcomeKind.Busy:
                return OperatorCallResult.Fail(new CommandError(
                    CommandErrorKind.LimitExceeded, $"{_options.MaxQueuedCalls} calls already wait for charge point {chargePointId}; try again shortly."));
            case CallOutcomeKind.Error:
                var error = outcome.Error!;
                return OperatorCallResult.Fail(new CommandError(
                    CommandErrorKind.Upstream,
                    $"Charge point {chargePointId} refused {call.Action} with {error.Code}{(error.Description.Length > 0 ? ": " + error.Description : string.Empty)}",
                    Issuer: chargePointId,
                    Code: error.Code));
        }

        var invalid = _schemas.Validate(version, call.Action, PayloadKind.Response, outcome.Payload);
        if (invalid.Count > 0)
        {
            return OperatorCallResult.Fail(new CommandError(
                CommandErrorKind.Upstream,
                $"Charge point {chargePointId} answered {call.Action} with an invalid payload: {string.Join("; ", invalid)}",
                Issuer: chargePointId,
                Code: OcppErrors.Spell(version, invalid[0].Code)));
        }

        var status = outcome.Payload.String("status");
        if (status is not null && !call.SuccessStatuses.Contains(status, StringComparer.Ordinal))
        {
            var reason = outcome.Payload.Field("statusInfo")?.String("reasonCode") is { } code ? $" ({code})" : string.Empty;
            return OperatorCallResult.Fail(new CommandError(
                CommandErrorKind.Upstream, $"Charge point {chargePointId} answered {call.Action}: {status}{reason}.", Issuer: chargePointId, Code: status));
        }

        return new OperatorCallResult(null, status, outcome.Payload, call.Action);
    }
}
