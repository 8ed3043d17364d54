using System.Text.Json.Nodes;
using Quoalise.Adapters.Ocpp.Rpc;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary>One call an operator's command makes, spelt for the charge point's version.</summary>
/// <param name="Action">The OCPP action, e.g. <c>RemoteStartTransaction</c> (1.6) or <c>RequestStartTransaction</c> (2.0.1).</param>
/// <param name="Payload">The request payload.</param>
/// <param name="SuccessStatuses">Answer statuses that mean "done" (others are the charge point's refusal).</param>
internal sealed record OperatorCall(string Action, JsonObject Payload, IReadOnlyList<string> SuccessStatuses)
{
    public static IReadOnlyList<string> Accepted { get; } = ["Accepted"];
}
