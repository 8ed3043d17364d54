using System.Text;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Options;

namespace Quoalise.Adapters.Mqtt.Tests.Ingest;

public class ReadingsPayloadParserTests
{
    private readonly ReadingsPayloadParser _parser = new(new SensorCatalog(SensorOptions.Defaults));

    private ReadingsPayload Parse(string json) => _parser.Parse(Encoding.UTF8.GetBytes(json));

    [Test]
    public void The_seed_payload_gives_three_readings_in_payload_order()
    {
        var parsed = Parse("""{"humiditeAmbiante": 65.3, "temperatureAmbiante": 22.1, "humiditeSol": 45.0}""");

        parsed.Problems.Should().BeEmpty();
        parsed.Readings.Select(r => (r.Sensor.Key, r.Value)).Should().Equal(("humiditeAmbiante", 65.3), ("temperatureAmbiante", 22.1), ("humiditeSol", 45.0));
    }

    [Test]
    public void Bounds_are_inclusive_and_values_beyond_are_clamped_with_a_problem_each()
    {
        Parse("""{"humiditeSol": 100, "temperatureAmbiante": -40}""").Problems.Should().BeEmpty();

        var parsed = Parse("""{"humiditeSol": 1e3, "temperatureAmbiante": -273.15}""");

        parsed.Readings.Select(r => r.Value).Should().Equal(100, -40);
        parsed.Problems.Select(p => p.Type).Should().Equal(IngestErrorType.ValueOutOfRange, IngestErrorType.ValueOutOfRange);
        parsed.Problems[1].Detail.Should().Be("'temperatureAmbiante' = -273.15 is outside -40 to 80 Cel; stored as -40.");
    }

    [TestCase("""{"humiditeSol": "45"}""", "the string \"45\"")]
    [TestCase("""{"humiditeSol": true}""", "a JSON boolean")]
    [TestCase("""{"humiditeSol": null}""", "a JSON null")]
    [TestCase("""{"humiditeSol": [45]}""", "a JSON array")]
    public void A_value_that_is_not_a_finite_number_is_INVALID_VALUE(string json, string description)
    {
        var parsed = Parse(json);

        parsed.Readings.Should().BeEmpty();
        parsed.Problems.Should().ContainSingle().Which.Should().Be(new PayloadProblem(IngestErrorType.InvalidValue, $"'humiditeSol' is {description}, not a number."));
    }

    [Test]
    public void A_number_beyond_double_is_INVALID_VALUE()
    {
        Parse("""{"humiditeSol": 1e999}""").Problems.Should().ContainSingle().Which.Should().Be(
            new PayloadProblem(IngestErrorType.InvalidValue, "'humiditeSol' = 1e999 is beyond the range of a number."));
    }

    [TestCase("", "not JSON")]
    [TestCase("{", "not JSON")]
    [TestCase("42", "a JSON number, not an object")]
    [TestCase("\"x\"", "a JSON string, not an object")]
    [TestCase("{} {}", "invalid after a single JSON value")]
    [TestCase("{}", "empty object")]
    [TestCase("""{"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": 1}}}}}}}}}""", "not JSON")]
    public void Anything_but_a_JSON_object_is_INVALID_PAYLOAD(string json, string detail)
    {
        var parsed = Parse(json);

        parsed.Readings.Should().BeEmpty();
        parsed.Problems.Should().ContainSingle().Which.Should().Match<PayloadProblem>(p => p.Type == IngestErrorType.InvalidPayload && p.Detail.Contains(detail));
    }

    [Test]
    public void Unknown_keys_are_UNKNOWN_SENSOR_keys_are_case_sensitive_and_a_repeated_key_keeps_its_first_value()
    {
        var parsed = Parse("""{"HumiditeSol": 1, "humiditeSol": 2, "humiditeSol": 3}""");

        parsed.Readings.Should().ContainSingle().Which.Value.Should().Be(2);
        parsed.Problems.Select(p => p.Type).Should().Equal(IngestErrorType.UnknownSensor, IngestErrorType.InvalidPayload);
    }
}
