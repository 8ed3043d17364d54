namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary>The delivery journal (<c>mqtt_deliveries</c>). Thread-safe.</summary>
internal interface IDeliveryStore
{
    /// <summary>Records the deliveries in one transaction, replacing earlier ones with the same session and packet id.</summary>
    Task SaveAsync(IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken);

    Task<Delivery?> FindAsync(string session, int packetId, CancellationToken cancellationToken);
}
