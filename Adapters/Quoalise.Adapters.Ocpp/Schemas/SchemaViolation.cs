using Quoalise.Adapters.Ocpp.Rpc;

namespace Quoalise.Adapters.Ocpp.Schemas;

/// <summary>One way a payload breaks its official schema: where, what, and the CALLERROR code that says it.</summary>
/// <param name="Path">JSON path such as <c>#/meterValue[0].timestamp</c>.</param>
/// <param name="Problem">What is wrong, in words.</param>
/// <param name="Code">The OCPP error code for it (research §1.4).</param>
internal sealed record SchemaViolation(string Path, string Problem, OcppErrorCode Code)
{
    public override string ToString() => $"{Path}: {Problem}";
}
