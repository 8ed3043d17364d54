using System.Text.Json.Nodes;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Protocol.Commands;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary>
/// <c>unlock_connector</c>: releases a stuck cable, from a 1.6 connector or from one connector of a 2.0.1 EVSE
/// (<c>1.2</c>; an EVSE alone, <c>1</c>, means its connector 1).
/// </summary>
internal sealed class UnlockConnectorCommand
{
    public const string Node = "unlock_connector";

    private readonly OperatorCalls _calls;
    private readonly ChargePointChoices _choices;

    public UnlockConnectorCommand(OperatorCalls calls, ChargePointChoices choices)
    {
        _calls = calls;
        _choices = choices;
    }

    public AdHocCommand Build() => new()
    {
        Node = Node,
        Name = "Unlock connector",
        Permission = Permission.Operate,
        Stages =
        [
            _choices.ConnectedChargePointStage("Unlock: charge point"),
            new CommandStage
            {
                Title = "Unlock: connector",
                BuildFields = async (context, cancellationToken) => [await _choices.ConnectorAddressFieldAsync(context, cancellationToken)],
            },
        ],
        Handler = HandleAsync,
    };

    private async Task<CommandOutcome> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var chargePointId = request.Values.GetRequiredString(ChargePointChoices.ChargePointVar);
        if (await _choices.CheckAccessAsync(request.Requester, chargePointId, cancellationToken) is { } denied)
        {
            return CommandOutcome.Failure(denied);
        }

        var text = request.Values.GetRequiredString(ChargePointChoices.ConnectorVar);
        if (!ConnectorAddress.TryParse(text, out var connector) || connector.Connector < 1)
        {
            return CommandOutcome.InvalidField(
                ChargePointChoices.ConnectorVar, $"'{text}' is no connector: give its number from 1 (1.6), or EVSE.connector such as 1.2 (2.0.1).");
        }

        var result = await _calls.CallAsync(
            request.Requester,
            chargePointId,
            version => version == OcppVersion.V16 && connector.EvseConnector > 0
                ? new CommandError(CommandErrorKind.BadRequest, $"Charge point {chargePointId} speaks OCPP 1.6, whose connectors are plain numbers: '{connector}' names a connector of a 2.0.1 EVSE.", Field: ChargePointChoices.ConnectorVar)
                : null,
            version => version == OcppVersion.V16
                ? new OperatorCall("UnlockConnector", new JsonObject { ["connectorId"] = connector.Connector }, ["Unlocked"])
                : new OperatorCall("UnlockConnector", new JsonObject { ["evseId"] = connector.Connector, ["connectorId"] = Math.Max(1, connector.EvseConnector) }, ["Unlocked"]),
            cancellationToken);
        return result.ToOutcome("Unlock connector", chargePointId);
    }
}
