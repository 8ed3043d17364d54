using System.Collections.Concurrent;
using Quoalise.Adapters.Mqtt.Storage;

namespace Quoalise.Adapters.Mqtt.Tests.Support;

/// <summary>The in-memory twin of <see cref="DeliveryStore"/>.</summary>
internal sealed class InMemoryDeliveryStore : IDeliveryStore
{
    private readonly ConcurrentDictionary<(string, int), Delivery> _deliveries = new();

    public int Saved => _deliveries.Count;

    public Task SaveAsync(IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken)
    {
        foreach (var delivery in deliveries)
        {
            _deliveries[(delivery.Session, delivery.PacketId)] = delivery;
        }

        return Task.CompletedTask;
    }

    public Task<Delivery?> FindAsync(string session, int packetId, CancellationToken cancellationToken) =>
        Task.FromResult(_deliveries.GetValueOrDefault((session, packetId)));
}
