using System.Collections.Concurrent;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>
/// Which beds exist, cached in memory as the bridge's <c>_bac_cache</c> was, and their series in the catalogue:
/// a bed's series are registered when the bed is first known, so <c>get_history</c>, <c>subscribe</c> and
/// <c>list_series</c> serve them. An unknown bed is remembered for <see cref="UnknownFor"/>, so a device
/// publishing to a wrong topic costs one query per interval, not one per message. Thread-safe.
/// </summary>
internal sealed class BedDirectory
{
    /// <summary>How long an unknown bed is taken as unknown; another instance's registration shows within this.</summary>
    public static readonly TimeSpan UnknownFor = TimeSpan.FromSeconds(10);

    private readonly IBedStore _store;
    private readonly ISeriesCatalog _catalog;
    private readonly SensorCatalog _sensors;
    private readonly DatabaseRetry _retry;
    private readonly TimeProvider _time;
    private readonly string _adapter;
    private readonly bool _autoRegister;
    private readonly ConcurrentDictionary<(int, int), Bed> _known = new();
    private readonly ConcurrentDictionary<(int, int), DateTimeOffset> _unknownUntil = new();
    private readonly ConcurrentDictionary<string, string?> _registered = new(StringComparer.Ordinal);

    public BedDirectory(IBedStore store, ISeriesCatalog catalog, SensorCatalog sensors, DatabaseRetry retry, TimeProvider time, string adapter, bool autoRegister)
    {
        _store = store;
        _catalog = catalog;
        _sensors = sensors;
        _retry = retry;
        _time = time;
        _adapter = adapter;
        _autoRegister = autoRegister;
    }

    /// <summary>Loads the beds and (re-)registers their series whose description changed with the sensor catalogue.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var registered = await _retry.RunAsync("series catalogue", token => _catalog.ListAsync(_adapter, token), cancellationToken);
        foreach (var series in registered)
        {
            _registered[series.Identifier] = series.Description;
        }

        var beds = await _retry.RunAsync("beds", _store.ListAsync, cancellationToken);
        foreach (var bed in beds)
        {
            await RememberAsync(bed, cancellationToken);
        }
    }

    /// <summary>The bed, or null when it is not registered and auto-registration is off.</summary>
    public async Task<Bed?> ResolveAsync(int greenhouse, int bed, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue((greenhouse, bed), out var known))
        {
            return known;
        }

        if (!_autoRegister && _unknownUntil.TryGetValue((greenhouse, bed), out var until) && until > _time.GetUtcNow())
        {
            return null;
        }

        var found = await _retry.RunAsync("beds", token => _store.FindAsync(greenhouse, bed, token), cancellationToken);
        if (found is null && _autoRegister)
        {
            var added = new Bed(greenhouse, bed, null, _time.GetUtcNow(), Bed.AutoRegistered);
            await _retry.RunAsync("beds", token => _store.AddAsync(added, token), cancellationToken);
            found = await _retry.RunAsync("beds", token => _store.FindAsync(greenhouse, bed, token), cancellationToken);
        }

        if (found is null)
        {
            _unknownUntil[(greenhouse, bed)] = _time.GetUtcNow() + UnknownFor;
            return null;
        }

        await RememberAsync(found, cancellationToken);
        return found;
    }

    /// <summary>An operator's registration (<c>register_bed</c>); false when the bed already existed.</summary>
    public async Task<bool> RegisterAsync(Bed bed, CancellationToken cancellationToken)
    {
        var added = await _retry.RunAsync("beds", token => _store.AddAsync(bed, token), cancellationToken);
        var stored = await _retry.RunAsync("beds", token => _store.FindAsync(bed.Greenhouse, bed.BedNumber, token), cancellationToken);
        await RememberAsync(stored ?? bed, cancellationToken);
        return added;
    }

    public IEnumerable<SeriesDefinition> SeriesOf(Bed bed) =>
        _sensors.All.Select(sensor => GreenhouseSeries.Definition(_adapter, bed.Greenhouse, bed.BedNumber, sensor));

    private async Task RememberAsync(Bed bed, CancellationToken cancellationToken)
    {
        List<SeriesDefinition> changed = [.. SeriesOf(bed).Where(s => !_registered.TryGetValue(s.Identifier, out var description) || description != s.Description)];
        if (changed.Count > 0)
        {
            await _retry.RunAsync("series catalogue", token => _catalog.RegisterAsync(changed, token), cancellationToken);
        }

        foreach (var series in changed)
        {
            _registered[series.Identifier] = series.Description;
        }

        _unknownUntil.TryRemove((bed.Greenhouse, bed.BedNumber), out _);
        _known[(bed.Greenhouse, bed.BedNumber)] = bed;
    }
}
