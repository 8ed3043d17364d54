using Quoalise.Adapters.Storage;

namespace Quoalise.Component.Storage.InMemory;

/// <summary>The in-memory twin of the series catalogue, for unit tests. Thread-safe.</summary>
internal sealed class InMemorySeriesCatalog : ISeriesCatalog
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, SeriesDefinition> _series = new(StringComparer.Ordinal);

    public Task RegisterAsync(IReadOnlyList<SeriesDefinition> series, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        foreach (var one in series)
        {
            SeriesDefinition.Validate(one);
        }

        lock (_gate)
        {
            foreach (var one in series)
            {
                _series[one.Identifier] = one;
            }
        }

        return Task.CompletedTask;
    }

    public Task<SeriesDefinition?> FindAsync(string identifier, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_series.GetValueOrDefault(identifier));
        }
    }

    public Task<IReadOnlyList<SeriesDefinition>> ListAsync(string? adapter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<SeriesDefinition> list = [.. _series.Values.Where(s => adapter is null || s.Adapter == adapter)];
            return Task.FromResult(list);
        }
    }
}
