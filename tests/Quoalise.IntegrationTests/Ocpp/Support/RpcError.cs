namespace Quoalise.IntegrationTests.Ocpp;

/// <summary>The central system answered a charge point's call with a CALLERROR.</summary>
internal sealed class RpcError(string code, string description) : Exception($"{code}: {description}")
{
    public string Code { get; } = code;

    public string Description { get; } = description;
}
