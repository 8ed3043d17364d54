using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Quoalise.Adapters.Ocpp.Messages;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary>
/// <c>remote_start_transaction</c>: asks a charge point to start charging for an id tag
/// (1.6 RemoteStartTransaction, 2.0.1 RequestStartTransaction with an idToken of type Central).
/// </summary>
internal sealed class RemoteStartTransactionCommand
{
    public const string Node = "remote_start_transaction";

    private readonly OperatorCalls _calls;
    private readonly ChargePointChoices _choices;

    public RemoteStartTransactionCommand(OperatorCalls calls, ChargePointChoices choices)
    {
        _calls = calls;
        _choices = choices;
    }

    public AdHocCommand Build() => new()
    {
        Node = Node,
        Name = "Remote start transaction",
        Permission = Permission.Operate,
        Stages =
        [
            _choices.ConnectedChargePointStage("Remote start: charge point"),
            new CommandStage
            {
                Title = "Remote start: connector and id tag",
                BuildFields = async (context, cancellationToken) =>
                [
                    await _choices.ConnectorFieldAsync(context, allowWhole: false, required: false, cancellationToken),
                    FormField.TextSingle("id_tag", "Id tag to charge for", required: true),
                ],
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

        var idTag = request.Values.GetRequiredString("id_tag");
        var connector = (int?)request.Values.GetInteger(ChargePointChoices.ConnectorVar);
        var result = await _calls.CallAsync(request.Requester, chargePointId, version => Call(version, connector, idTag), cancellationToken);
        var transaction = result.Payload.ValueKind == System.Text.Json.JsonValueKind.Object && result.Payload.String("transactionId") is { } id
            ? [FormField.Fixed("station_transaction", "Station transaction id", id)]
            : Array.Empty<FormField>();
        return result.ToOutcome("Remote start", chargePointId, transaction);
    }

    private static OperatorCall Call(OcppVersion version, int? connector, string idTag)
    {
        if (version == OcppVersion.V16)
        {
            var payload = new JsonObject { ["idTag"] = idTag };
            if (connector is { } c)
            {
                payload["connectorId"] = c;
            }

            return new OperatorCall("RemoteStartTransaction", payload, OperatorCall.Accepted);
        }

        var request = new JsonObject
        {
            ["idToken"] = new JsonObject { ["idToken"] = idTag, ["type"] = "Central" },
            ["remoteStartId"] = RandomNumberGenerator.GetInt32(1, int.MaxValue),
        };
        if (connector is { } evse)
        {
            request["evseId"] = evse;
        }

        return new OperatorCall("RequestStartTransaction", request, OperatorCall.Accepted);
    }
}
