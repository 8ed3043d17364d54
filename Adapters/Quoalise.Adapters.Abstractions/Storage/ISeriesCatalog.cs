namespace Quoalise.Adapters.Storage;

/// <summary>The series catalogue. Thread-safe; every call is one short transaction.</summary>
public interface ISeriesCatalog
{
    /// <summary>Adds the series or replaces its owner, meta and description (upsert on identifier).</summary>
    Task RegisterAsync(SeriesDefinition series, CancellationToken cancellationToken);

    Task<SeriesDefinition?> FindAsync(string identifier, CancellationToken cancellationToken);

    /// <summary>Every series, or those of one adapter, ordered by identifier.</summary>
    Task<IReadOnlyList<SeriesDefinition>> ListAsync(string? adapter, CancellationToken cancellationToken);
}
