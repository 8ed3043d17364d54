using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// The IANA SenML unit registries as published by RFC 8428 §12.1 (Table 6) and RFC 8798 (§2 new primary
/// units, §3 secondary units). Readers accept any unit, since the federation emits unregistered ones such
/// as <c>Wr</c>; writers of our own data accept only these symbols. Immutable and thread-safe.
/// </summary>
public static class SenMLUnits
{
    private const string Rfc8428 = "RFC 8428";
    private const string Rfc8798 = "RFC 8798";

    // Field initialisers run in textual order: the table comes first.
    private static readonly SenMLUnit[] Registry =
    [
        // RFC 8428 §12.1, Table 6. An asterisk there means "NOT RECOMMENDED to be produced".
        Primary("m", "meter"),
        Primary("kg", "kilogram"),
        Primary("g", "gram", notRecommended: true),
        Primary("s", "second"),
        Primary("A", "ampere"),
        Primary("K", "kelvin"),
        Primary("cd", "candela"),
        Primary("mol", "mole"),
        Primary("Hz", "hertz"),
        Primary("rad", "radian"),
        Primary("sr", "steradian"),
        Primary("N", "newton"),
        Primary("Pa", "pascal"),
        Primary("J", "joule"),
        Primary("W", "watt"),
        Primary("C", "coulomb"),
        Primary("V", "volt"),
        Primary("F", "farad"),
        Primary("Ohm", "ohm"),
        Primary("S", "siemens"),
        Primary("Wb", "weber"),
        Primary("T", "tesla"),
        Primary("H", "henry"),
        Primary("Cel", "degrees Celsius"),
        Primary("lm", "lumen"),
        Primary("lx", "lux"),
        Primary("Bq", "becquerel"),
        Primary("Gy", "gray"),
        Primary("Sv", "sievert"),
        Primary("kat", "katal"),
        Primary("m2", "square meter (area)"),
        Primary("m3", "cubic meter (volume)"),
        Primary("l", "liter (volume)", notRecommended: true),
        Primary("m/s", "meter per second (velocity)"),
        Primary("m/s2", "meter per square second (acceleration)"),
        Primary("m3/s", "cubic meter per second (flow rate)"),
        Primary("l/s", "liter per second (flow rate)", notRecommended: true),
        Primary("W/m2", "watt per square meter (irradiance)"),
        Primary("cd/m2", "candela per square meter (luminance)"),
        Primary("bit", "bit (information content)"),
        Primary("bit/s", "bit per second (data rate)"),
        Primary("lat", "degrees latitude"),
        Primary("lon", "degrees longitude"),
        Primary("pH", "pH value (acidity; logarithmic quantity)"),
        Primary("dB", "decibel (logarithmic quantity)"),
        Primary("dBW", "decibel relative to 1 W (power level)"),
        Primary("Bspl", "bel (sound pressure level; logarithmic quantity)", notRecommended: true),
        Primary("count", "1 (counter value)"),
        Primary("/", "1 (ratio, e.g., value of a switch)"),
        Primary("%", "1 (ratio, e.g., value of a switch)", notRecommended: true),
        Primary("%RH", "percentage (relative humidity)"),
        Primary("%EL", "percentage (remaining battery energy level)"),
        Primary("EL", "seconds (remaining battery energy level)"),
        Primary("1/s", "1 per second (event rate)"),
        Primary("1/min", "1 per minute (event rate, \"rpm\")", notRecommended: true),
        Primary("beat/min", "1 per minute (heart rate in beats per minute)", notRecommended: true),
        Primary("beats", "1 (cumulative number of heart beats)", notRecommended: true),
        Primary("S/m", "siemens per meter (conductivity)"),

        // RFC 8798 §2, Table 1.
        Primary("B", "byte (information content)", reference: Rfc8798),
        Primary("VA", "volt-ampere (apparent power)", reference: Rfc8798),
        Primary("VAs", "volt-ampere second (apparent energy)", reference: Rfc8798),
        Primary("var", "volt-ampere reactive (reactive power)", reference: Rfc8798),
        Primary("vars", "volt-ampere reactive second (reactive energy)", reference: Rfc8798),
        Primary("J/m", "joule per meter (energy per distance)", reference: Rfc8798),
        Primary("kg/m3", "kilogram per cubic meter (mass density, mass concentration)", reference: Rfc8798),
        Primary("deg", "degree (angle)", notRecommended: true, reference: Rfc8798),

        // RFC 8798 §3, Table 2: symbol, description, primary unit, scale, offset.
        Secondary("ms", "millisecond", "s", 1.0 / 1000),
        Secondary("min", "minute", "s", 60),
        Secondary("h", "hour", "s", 3600),
        Secondary("MHz", "megahertz", "Hz", 1_000_000),
        Secondary("kW", "kilowatt", "W", 1000),
        Secondary("kVA", "kilovolt-ampere", "VA", 1000),
        Secondary("kvar", "kilovar", "var", 1000),
        Secondary("Ah", "ampere-hour", "C", 3600),
        Secondary("Wh", "watt-hour", "J", 3600),
        Secondary("kWh", "kilowatt-hour", "J", 3_600_000),
        Secondary("varh", "var-hour", "vars", 3600),
        Secondary("kvarh", "kilovar-hour", "vars", 3_600_000),
        Secondary("kVAh", "kilovolt-ampere-hour", "VAs", 3_600_000),
        Secondary("Wh/km", "watt-hour per kilometer", "J/m", 3.6),
        Secondary("KiB", "kibibyte", "B", 1024),
        Secondary("GB", "gigabyte", "B", 1e9),
        Secondary("Mbit/s", "megabit per second", "bit/s", 1_000_000),
        Secondary("B/s", "byte per second", "bit/s", 8),
        Secondary("MB/s", "megabyte per second", "bit/s", 8_000_000),
        Secondary("mV", "millivolt", "V", 1.0 / 1000),
        Secondary("mA", "milliampere", "A", 1.0 / 1000),
        Secondary("dBm", "decibel (milliwatt)", "dBW", 1, offset: -30),
        Secondary("ug/m3", "microgram per cubic meter", "kg/m3", 1e-9),
        Secondary("mm/h", "millimeter per hour", "m/s", 1.0 / 3_600_000),
        Secondary("m/h", "meter per hour", "m/s", 1.0 / 3600),
        Secondary("ppm", "parts per million", "/", 1e-6),
        Secondary("/100", "percent", "/", 1.0 / 100),
        Secondary("/1000", "permille", "/", 1.0 / 1000),
        Secondary("hPa", "hectopascal", "Pa", 100),
        Secondary("mm", "millimeter", "m", 1.0 / 1000),
        Secondary("cm", "centimeter", "m", 1.0 / 100),
        Secondary("km", "kilometer", "m", 1000),
        Secondary("km/h", "kilometer per hour", "m/s", 1 / 3.6),
    ];

    private static readonly FrozenDictionary<string, SenMLUnit> BySymbol = Registry.ToFrozenDictionary(u => u.Symbol, StringComparer.Ordinal);

    /// <summary>Every registered unit, primary then secondary, in registry order.</summary>
    public static IReadOnlyList<SenMLUnit> All { get; } = Array.AsReadOnly(Registry);

    /// <summary>True when <paramref name="symbol"/> is in either registry. Symbols are case-sensitive (RFC 8428 §12.1 rule 9).</summary>
    public static bool IsRegistered([NotNullWhen(true)] string? symbol) => symbol is not null && BySymbol.ContainsKey(symbol);

    public static bool TryGet(string symbol, [NotNullWhen(true)] out SenMLUnit? unit) => BySymbol.TryGetValue(symbol, out unit);

    private static SenMLUnit Primary(string symbol, string description, bool notRecommended = false, string reference = Rfc8428) =>
        new(symbol, description, SenMLUnitKind.Primary, notRecommended, reference);

    private static SenMLUnit Secondary(string symbol, string description, string primary, double scale, double offset = 0) =>
        new(symbol, description, SenMLUnitKind.Secondary, NotRecommended: false, Rfc8798, primary, scale, offset);
}
