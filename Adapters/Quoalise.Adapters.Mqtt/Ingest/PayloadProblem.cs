namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>Something wrong in one payload, before it is stamped and stored as an <see cref="IngestError"/>.</summary>
internal readonly record struct PayloadProblem(string Type, string Detail);
