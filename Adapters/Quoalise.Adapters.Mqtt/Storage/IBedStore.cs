namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary>The registered beds (<c>mqtt_beds</c>). Thread-safe.</summary>
internal interface IBedStore
{
    Task<Bed?> FindAsync(int greenhouse, int bed, CancellationToken cancellationToken);

    /// <summary>Every bed, by greenhouse then bed.</summary>
    Task<IReadOnlyList<Bed>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds the bed; false when it already existed (left as it was).</summary>
    Task<bool> AddAsync(Bed bed, CancellationToken cancellationToken);
}
