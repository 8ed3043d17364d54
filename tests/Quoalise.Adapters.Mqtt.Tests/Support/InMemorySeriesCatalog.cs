using System.Collections.Concurrent;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Mqtt.Tests.Support;

/// <summary>An in-memory <see cref="ISeriesCatalog"/> counting registrations.</summary>
internal sealed class InMemorySeriesCatalog : ISeriesCatalog
{
    private readonly ConcurrentDictionary<string, SeriesDefinition> _series = new(StringComparer.Ordinal);

    /// <summary>Series registered so far, counting each time one is registered again.</summary>
    public int Registrations { get; private set; }

    public Task RegisterAsync(IReadOnlyList<SeriesDefinition> series, CancellationToken cancellationToken)
    {
        Registrations += series.Count;
        foreach (var one in series)
        {
            _series[one.Identifier] = one;
        }

        return Task.CompletedTask;
    }

    public Task<SeriesDefinition?> FindAsync(string identifier, CancellationToken cancellationToken) =>
        Task.FromResult(_series.GetValueOrDefault(identifier));

    public Task<IReadOnlyList<SeriesDefinition>> ListAsync(string? adapter, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SeriesDefinition>>([.. _series.Values.Where(s => adapter is null || s.Adapter == adapter).OrderBy(s => s.Identifier, StringComparer.Ordinal)]);
}
