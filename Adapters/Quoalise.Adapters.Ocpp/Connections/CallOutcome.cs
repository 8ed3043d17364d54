using System.Text.Json;
using Quoalise.Adapters.Ocpp.Rpc;

namespace Quoalise.Adapters.Ocpp.Connections;

/// <summary>The end of one call to a charge point. A "no" from the charge point is a result, not an exception.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Payload">The CALLRESULT payload (a detached copy), for <see cref="CallOutcomeKind.Result"/>.</param>
/// <param name="Error">The CALLERROR as received, for <see cref="CallOutcomeKind.Error"/>.</param>
internal sealed record CallOutcome(CallOutcomeKind Kind, JsonElement Payload = default, OcppError? Error = null)
{
    public static CallOutcome Offline { get; } = new(CallOutcomeKind.Offline);

    public static CallOutcome Timeout { get; } = new(CallOutcomeKind.Timeout);

    public static CallOutcome Busy { get; } = new(CallOutcomeKind.Busy);

    public static CallOutcome Result(JsonElement payload) => new(CallOutcomeKind.Result, payload);

    public static CallOutcome Failed(OcppError error) => new(CallOutcomeKind.Error, Error: error);
}
