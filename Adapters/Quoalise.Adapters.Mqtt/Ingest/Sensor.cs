namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>A sensor of the catalogue: JSON key, the seed's id, SenML unit, range and quantity. Immutable.</summary>
internal sealed record Sensor(string Key, int Id, string Unit, double Min, double Max, string Quantity)
{
    /// <summary>The value stored for <paramref name="value"/>: itself, or the nearest bound when outside the range.</summary>
    public double Clamp(double value) => Math.Clamp(value, Min, Max);
}
