using System.Text.Json.Nodes;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Protocol.Commands;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary><c>unlock_connector</c>: releases a stuck cable (2.0.1: connector 1 of the EVSE chosen).</summary>
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
                BuildFields = async (context, cancellationToken) => [await _choices.ConnectorFieldAsync(context, allowWhole: false, required: true, cancellationToken)],
            },
        ],
        Handler = HandleAsync,
    };

    private async Task<CommandOutcome> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (_choices.CheckAccess(request, out var chargePointId) is { } denied)
        {
            return CommandOutcome.Failure(denied);
        }

        var connector = (int)request.Values.GetInteger(ChargePointChoices.ConnectorVar)!.Value;
        var result = await _calls.CallAsync(
            request.Requester,
            chargePointId,
            version => version == OcppVersion.V16
                ? new OperatorCall("UnlockConnector", new JsonObject { ["connectorId"] = connector }, ["Unlocked"])
                : new OperatorCall("UnlockConnector", new JsonObject { ["evseId"] = connector, ["connectorId"] = 1 }, ["Unlocked"]),
            cancellationToken);
        return result.ToOutcome("Unlock connector", chargePointId);
    }
}
