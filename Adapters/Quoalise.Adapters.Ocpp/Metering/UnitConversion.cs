using System.Collections.Frozen;

namespace Quoalise.Adapters.Ocpp.Metering;

/// <summary>
/// OCPP units (1.6 UnitOfMeasure, 2.0.1 "Standardized Units of Measure") to registered SenML units
/// (RFC 8428 §12.1, RFC 8798): a scale or an offset, never an unregistered symbol. Thread-safe.
/// </summary>
internal static class UnitConversion
{
    private static readonly FrozenDictionary<string, (string Symbol, double Scale)> Linear = new Dictionary<string, (string, double)>(StringComparer.OrdinalIgnoreCase)
    {
        ["Wh"] = ("Wh", 1),
        ["kWh"] = ("Wh", 1000),
        ["varh"] = ("varh", 1),
        ["kvarh"] = ("varh", 1000),
        ["VAh"] = ("kVAh", 0.001),
        ["kVAh"] = ("kVAh", 1),
        ["W"] = ("W", 1),
        ["kW"] = ("W", 1000),
        ["var"] = ("var", 1),
        ["kvar"] = ("var", 1000),
        ["VA"] = ("VA", 1),
        ["kVA"] = ("VA", 1000),
        ["A"] = ("A", 1),
        ["V"] = ("V", 1),
        ["K"] = ("K", 1),
        ["Celsius"] = ("Cel", 1),
        ["Celcius"] = ("Cel", 1), // 1.6's own typo, still sent by chargers
        ["Hertz"] = ("Hz", 1),
        ["Hz"] = ("Hz", 1),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The unit a measurand is in when a sample names none (the spec's blanket default, Wh, only fits energy).</summary>
    public static string DefaultUnit(string measurand) => measurand switch
    {
        _ when measurand.StartsWith("Energy.Reactive", StringComparison.Ordinal) => "varh",
        _ when measurand.StartsWith("Energy.Apparent", StringComparison.Ordinal) => "VAh",
        _ when measurand.StartsWith("Energy", StringComparison.Ordinal) => "Wh",
        _ when measurand.StartsWith("Power.Reactive", StringComparison.Ordinal) => "var",
        "Power.Factor" or "RPM" => string.Empty,
        _ when measurand.StartsWith("Power", StringComparison.Ordinal) => "W",
        _ when measurand.StartsWith("Current", StringComparison.Ordinal) => "A",
        "Voltage" => "V",
        "Frequency" => "Hertz",
        "Temperature" => "Celsius",
        "SoC" => "Percent",
        _ => "Wh",
    };

    /// <param name="measurand">What was measured; decides what Percent and unitless values mean.</param>
    /// <param name="unit">The OCPP unit.</param>
    /// <param name="value">The value in that unit, the 2.0.1 multiplier already applied.</param>
    /// <returns>The SenML symbol and value, or null when the unit has no SenML equivalent.</returns>
    public static (string Symbol, double Value)? ToSenML(string measurand, string unit, double value)
    {
        if (Linear.TryGetValue(unit, out var linear))
        {
            return (linear.Symbol, value * linear.Scale);
        }

        return unit switch
        {
            _ when unit.Equals("Fahrenheit", StringComparison.OrdinalIgnoreCase) => ("Cel", (value - 32) * 5 / 9),
            _ when unit.Equals("Percent", StringComparison.OrdinalIgnoreCase) => measurand == "SoC" ? ("%EL", value) : ("/", value / 100),
            "" when measurand == "RPM" => ("1/s", value / 60),
            "" => ("/", value),
            _ => null,
        };
    }
}
