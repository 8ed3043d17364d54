using Quoalise.Adapters.Mqtt.Ingest;

namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary>The error table (<c>mqtt_errors</c>). Thread-safe.</summary>
internal interface IIngestErrorStore
{
    /// <summary>Adds the errors in one transaction.</summary>
    Task AddAsync(IReadOnlyList<IngestError> errors, CancellationToken cancellationToken);

    Task<IReadOnlyList<IngestError>> QueryAsync(IngestErrorQuery query, CancellationToken cancellationToken);
}
