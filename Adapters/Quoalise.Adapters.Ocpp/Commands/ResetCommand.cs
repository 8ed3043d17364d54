using System.Text.Json.Nodes;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary><c>reset</c>: a soft or hard reset (2.0.1: OnIdle or Immediate).</summary>
internal sealed class ResetCommand
{
    public const string Node = "reset";
    private const string TypeVar = "type";
    private const string Soft = "Soft";
    private const string Hard = "Hard";

    private readonly OperatorCalls _calls;
    private readonly ChargePointChoices _choices;

    public ResetCommand(OperatorCalls calls, ChargePointChoices choices)
    {
        _calls = calls;
        _choices = choices;
    }

    public AdHocCommand Build() => new()
    {
        Node = Node,
        Name = "Reset charge point",
        Permission = Permission.Operate,
        Stages =
        [
            _choices.ConnectedChargePointStage(
                "Reset",
                FormField.ListSingle(
                    TypeVar,
                    "Reset type",
                    [new FormOption(Soft, "Soft: stop transactions, restart the software"), new FormOption(Hard, "Hard: restart now, as a power cycle")],
                    required: true,
                    value: Soft)),
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

        var type = request.Values.GetRequiredString(TypeVar);
        var result = await _calls.CallAsync(
            request.Requester,
            chargePointId,
            version => version == OcppVersion.V16
                ? new OperatorCall("Reset", new JsonObject { ["type"] = type }, OperatorCall.Accepted)
                : new OperatorCall("Reset", new JsonObject { ["type"] = type == Hard ? "Immediate" : "OnIdle" }, ["Accepted", "Scheduled"]),
            cancellationToken);
        return result.ToOutcome("Reset", chargePointId);
    }
}
