using System.Text.Json.Nodes;
using Quoalise.Adapters.Ocpp.Rpc;

namespace Quoalise.Adapters.Ocpp.Messages;

/// <summary>What a CALL is answered with: a CALLRESULT payload, or a CALLERROR.</summary>
internal sealed record CallReply(JsonObject? Result, OcppError? Error)
{
    public static CallReply Of(JsonObject result) => new(result, null);

    public static CallReply Empty() => new(new JsonObject(), null);

    public static CallReply Fail(OcppError error) => new(null, error);
}
