using System.Collections.Concurrent;
using Quoalise.Adapters.Mqtt.Storage;

namespace Quoalise.Adapters.Mqtt.Tests.Support;

/// <summary>The in-memory twin of <see cref="ControllerStore"/>, with the same upsert semantics.</summary>
internal sealed class InMemoryControllerStore : IControllerStore
{
    private readonly ConcurrentDictionary<string, Controller> _controllers = new(StringComparer.Ordinal);

    public Task AnnounceAsync(string mac, string ip, bool online, DateTimeOffset time, CancellationToken cancellationToken)
    {
        _controllers[mac] = new Controller(mac, ip, online, time, time);
        return Task.CompletedTask;
    }

    public Task MarkOfflineAsync(string mac, DateTimeOffset time, CancellationToken cancellationToken)
    {
        _controllers.AddOrUpdate(mac, _ => new Controller(mac, null, false, null, time), (_, c) => c with { Online = false, Changed = time });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Controller>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Controller>>([.. _controllers.Values.OrderBy(c => c.Mac, StringComparer.Ordinal)]);
}
