namespace Quoalise.Adapters.Storage;

/// <summary>The series catalogue. Thread-safe; every call is one transaction.</summary>
public interface ISeriesCatalog
{
    /// <summary>
    /// Adds each series or replaces its owner, meta and description (upsert on identifier), all in one transaction:
    /// registering thousands (5,000 charge points) one commit each kept the database busy for minutes.
    /// </summary>
    Task RegisterAsync(IReadOnlyList<SeriesDefinition> series, CancellationToken cancellationToken);

    Task<SeriesDefinition?> FindAsync(string identifier, CancellationToken cancellationToken);

    /// <summary>Every series, or those of one adapter, ordered by identifier.</summary>
    Task<IReadOnlyList<SeriesDefinition>> ListAsync(string? adapter, CancellationToken cancellationToken);
}
