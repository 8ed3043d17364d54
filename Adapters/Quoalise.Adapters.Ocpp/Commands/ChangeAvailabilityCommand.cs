using System.Text.Json.Nodes;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary><c>change_availability</c>: takes a connector, or the whole charge point (0), in or out of service.</summary>
internal sealed class ChangeAvailabilityCommand
{
    public const string Node = "change_availability";
    private const string AvailabilityVar = "availability";

    private readonly OperatorCalls _calls;
    private readonly ChargePointChoices _choices;

    public ChangeAvailabilityCommand(OperatorCalls calls, ChargePointChoices choices)
    {
        _calls = calls;
        _choices = choices;
    }

    public AdHocCommand Build() => new()
    {
        Node = Node,
        Name = "Change availability",
        Permission = Permission.Operate,
        Stages =
        [
            _choices.ConnectedChargePointStage(
                "Availability: charge point",
                FormField.ListSingle(
                    AvailabilityVar,
                    "Availability",
                    [new FormOption("Operative", "Operative: in service"), new FormOption("Inoperative", "Inoperative: out of service")],
                    required: true)),
            new CommandStage
            {
                Title = "Availability: connector",
                BuildFields = async (context, cancellationToken) => [await _choices.ConnectorFieldAsync(context, allowWhole: true, required: true, cancellationToken)],
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

        var availability = request.Values.GetRequiredString(AvailabilityVar);
        var connector = (int)request.Values.GetInteger(ChargePointChoices.ConnectorVar)!.Value;
        var result = await _calls.CallAsync(request.Requester, chargePointId, version => Call(version, connector, availability), cancellationToken);
        return result.ToOutcome("Change availability", chargePointId);
    }

    private static OperatorCall Call(OcppVersion version, int connector, string availability)
    {
        if (version == OcppVersion.V16)
        {
            return new OperatorCall("ChangeAvailability", new JsonObject { ["connectorId"] = connector, ["type"] = availability }, ["Accepted", "Scheduled"]);
        }

        var payload = new JsonObject { ["operationalStatus"] = availability };
        if (connector > 0)
        {
            payload["evse"] = new JsonObject { ["id"] = connector };
        }

        return new OperatorCall("ChangeAvailability", payload, ["Accepted", "Scheduled"]);
    }
}
