using System.Text.Json;
using Quoalise.Adapters.Ocpp.Metering;

namespace Quoalise.Adapters.Ocpp.Tests.Metering;

public class SampledValueReaderTests
{
    private static readonly DateTimeOffset Received = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_bare_value_is_an_energy_register_in_wh_with_every_spec_default()
    {
        var sample = Read16("[{\"timestamp\":\"2026-05-01T10:00:00Z\",\"sampledValue\":[{\"value\":\"1234\"}]}]").Single();

        sample.Should().Be(new MeterSample(1, new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero), "Energy.Active.Import.Register", null, "Outlet", "Sample.Periodic", "Raw", "Wh", "1234", 1234, "Wh"));
        sample.IsEnergyRegister.Should().BeTrue();
    }

    [TestCase("Energy.Active.Import.Register", "kWh", "1.5", 1500, "Wh")]
    [TestCase("Power.Active.Import", "kW", "7.4", 7400, "W")]
    [TestCase("Power.Active.Import", null, "7400", 7400, "W")]
    [TestCase("SoC", "Percent", "80", 80, "%EL")]
    [TestCase("Power.Factor", null, "0.98", 0.98, "/")]
    [TestCase("Temperature", "Fahrenheit", "212", 100, "Cel")]
    [TestCase("Temperature", "Celcius", "21.5", 21.5, "Cel")]
    [TestCase("Frequency", null, "50", 50, "Hz")]
    [TestCase("Energy.Reactive.Import.Register", "kvarh", "2", 2000, "varh")]
    [TestCase("RPM", null, "600", 10, "1/s")]
    public void Values_are_normalised_to_registered_senml_units(string measurand, string? unit, string value, double expected, string symbol)
    {
        var unitField = unit is null ? string.Empty : $",\"unit\":\"{unit}\"";
        var sample = Read16($"[{{\"timestamp\":\"2026-05-01T10:00:00Z\",\"sampledValue\":[{{\"value\":\"{value}\",\"measurand\":\"{measurand}\"{unitField}}}]}}]").Single();

        sample.SenMLUnit.Should().Be(symbol);
        sample.Value.Should().BeApproximately(expected, 1e-9);
        sample.RawValue.Should().Be(value, "the value as sent is kept");
    }

    [Test]
    public void On_2_0_1_the_value_is_a_number_and_the_multiplier_applies()
    {
        var problems = new List<string>();
        var sample = SampledValueReader.Read(
            Array("[{\"timestamp\":\"2026-05-01T10:00:00Z\",\"sampledValue\":[{\"value\":7.5,\"measurand\":\"Power.Active.Import\",\"phase\":\"L2\",\"unitOfMeasure\":{\"unit\":\"W\",\"multiplier\":3},\"signedMeterValue\":{\"signedMeterData\":\"AA\",\"signingMethod\":\"x\",\"encodingMethod\":\"y\",\"publicKey\":\"z\"}}]}]"),
            2,
            Received,
            v201: true,
            problems).Single();

        (sample.Value, sample.SenMLUnit, sample.Phase, sample.Format, sample.ConnectorId).Should().Be((7500d, "W", "L2", "SignedData", 2));
        problems.Should().BeEmpty();
    }

    [Test]
    public void What_cannot_be_read_is_reported_and_the_rest_kept()
    {
        var problems = new List<string>();
        var samples = SampledValueReader.Read(
            Array("[{\"timestamp\":\"soon\",\"sampledValue\":[{\"value\":\"12\"},{\"value\":\"abc\"},{\"value\":\"3\",\"unit\":\"Parsec\"},{\"unit\":\"Wh\"}]}]"),
            1,
            Received,
            v201: false,
            problems);

        samples.Should().HaveCount(3);
        samples.Should().OnlyContain(s => s.Timestamp == Received, "an unreadable timestamp falls back to the receipt time");
        samples[1].Value.Should().BeNull();
        samples[2].SenMLUnit.Should().BeNull();
        problems.Should().HaveCount(4);
        problems[0].Should().Contain("timestamp");
    }

    [Test]
    public void A_value_beyond_the_double_range_once_converted_is_kept_as_sent_but_is_no_number()
    {
        var problems = new List<string>();
        var samples = SampledValueReader.Read(
            Array("[{\"timestamp\":\"2026-05-01T10:00:00Z\",\"sampledValue\":[{\"value\":\"1e306\",\"unit\":\"kWh\"}]}]"), 1, Received, v201: false, problems);
        var scaled = SampledValueReader.Read(
            Array("[{\"timestamp\":\"2026-05-01T10:00:00Z\",\"sampledValue\":[{\"value\":2,\"unitOfMeasure\":{\"unit\":\"Wh\",\"multiplier\":400}}]}]"), 1, Received, v201: true, problems);

        (samples.Single().Value, samples.Single().RawValue).Should().Be(((double?)null, "1e306"));
        scaled.Single().Value.Should().BeNull();
        problems.Should().HaveCount(2).And.OnlyContain(p => p.Contains("not a number in a known unit", StringComparison.Ordinal));
    }

    private static List<MeterSample> Read16(string meterValues) =>
        SampledValueReader.Read(Array(meterValues), 1, Received, v201: false, []);

    private static IEnumerable<JsonElement> Array(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray();
}
