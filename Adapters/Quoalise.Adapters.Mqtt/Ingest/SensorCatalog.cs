using System.Collections.Frozen;
using Quoalise.Adapters.Mqtt.Options;

namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>The configured sensors by JSON key (case-sensitive, as the bridge's dictionary was). Immutable, thread-safe.</summary>
internal sealed class SensorCatalog
{
    private readonly FrozenDictionary<string, Sensor> _byKey;

    public SensorCatalog(IEnumerable<SensorOptions> sensors)
    {
        All = [.. sensors.Select(s => new Sensor(s.Key, s.Id, s.Unit, s.Min, s.Max, s.Quantity))];
        _byKey = All.ToFrozenDictionary(s => s.Key, StringComparer.Ordinal);
    }

    public IReadOnlyList<Sensor> All { get; }

    public bool TryGet(string key, out Sensor sensor) => _byKey.TryGetValue(key, out sensor!);
}
