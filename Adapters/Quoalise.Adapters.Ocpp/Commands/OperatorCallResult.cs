using System.Text.Json;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary>The charge point's own answer (<see cref="Status"/> and payload), or why there is none.</summary>
internal sealed record OperatorCallResult(CommandError? Error, string? Status, JsonElement Payload, string? Action)
{
    public static OperatorCallResult Fail(CommandError error) => new(error, null, default, null);

    /// <summary>The command's answer: the charge point's status as a result field, or the failure.</summary>
    public CommandOutcome ToOutcome(string title, string chargePointId, params FormField[] extra) =>
        Error is { } error
            ? CommandOutcome.Failure(error)
            : CommandOutcome.Success(
                title,
                [
                    FormField.Fixed("charge_point", "Charge point", chargePointId),
                    FormField.Fixed("action", "OCPP action", Action!),
                    FormField.Fixed("status", "Charge point's answer", Status ?? "answered"),
                    .. extra,
                ]);
}
