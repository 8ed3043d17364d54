namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// One <c>&lt;data&gt;</c> element of a <c>urn:quoalise:0</c> payload: what the series is (meta) and its
/// SenML records. A payload may carry several. Immutable.
/// </summary>
public sealed record QuoaliseData(QuoaliseMeta Meta, IReadOnlyList<SenMLRecord> Records);
