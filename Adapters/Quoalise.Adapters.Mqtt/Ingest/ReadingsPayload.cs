namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>What a readings payload yielded: the values to store and the problems to record (both may be non-empty).</summary>
internal sealed record ReadingsPayload(IReadOnlyList<Reading> Readings, IReadOnlyList<PayloadProblem> Problems);
