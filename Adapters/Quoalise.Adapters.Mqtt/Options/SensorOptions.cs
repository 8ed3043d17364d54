namespace Quoalise.Adapters.Mqtt.Options;

/// <summary>One entry of <c>Mqtt:Sensors</c>: a JSON key of the readings payload and what it measures.</summary>
internal sealed class SensorOptions
{
    /// <summary>The seed's sensors: humidities in %RH from 0 to 100, temperature in °C from −40 to 80.</summary>
    public static readonly IReadOnlyList<SensorOptions> Defaults =
    [
        new() { Key = "humiditeAmbiante", Id = 1, Unit = "%RH", Min = 0, Max = 100, Quantity = "air-humidity" },
        new() { Key = "humiditeSol", Id = 2, Unit = "%RH", Min = 0, Max = 100, Quantity = "soil-humidity" },
        new() { Key = "temperatureAmbiante", Id = 3, Unit = "Cel", Min = -40, Max = 80, Quantity = "air-temperature" },
    ];

    /// <summary>The JSON key, also the last part of the series identifier.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The seed's <c>id_capteur</c>, kept so operators can match old exports.</summary>
    public int Id { get; set; }

    /// <summary>A registered SenML unit (RFC 8428 §12.1, RFC 8798).</summary>
    public string Unit { get; set; } = string.Empty;

    public double Min { get; set; }

    public double Max { get; set; }

    /// <summary>The measurement's quantity in the series meta, e.g. <c>air-temperature</c>.</summary>
    public string Quantity { get; set; } = string.Empty;
}
