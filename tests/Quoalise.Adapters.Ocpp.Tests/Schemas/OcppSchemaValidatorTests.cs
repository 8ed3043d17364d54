using System.Text.Json;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Adapters.Ocpp.Schemas;

namespace Quoalise.Adapters.Ocpp.Tests.Schemas;

public class OcppSchemaValidatorTests
{
    private static readonly OcppSchemaValidator Validator = new();

    [Test]
    public void Every_embedded_schema_of_both_versions_loads_and_accepts_nothing_broken()
    {
        var names = typeof(OcppSchemaValidator).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("ocpp/", StringComparison.Ordinal)).ToList();

        names.Should().HaveCount(78 + 128);
        foreach (var action in names.Where(n => n.StartsWith("ocpp/1.6/", StringComparison.Ordinal) && !n.EndsWith("Response.json", StringComparison.Ordinal)).Select(n => n[9..^5]))
        {
            Validator.IsAction(OcppVersion.V16, action).Should().BeTrue(action);
            Validator.Validate(OcppVersion.V16, action, PayloadKind.Response, Json("{}"));
        }

        foreach (var action in names.Where(n => n.EndsWith("Request.json", StringComparison.Ordinal)).Select(n => n["ocpp/2.0.1/".Length..^"Request.json".Length]))
        {
            Validator.IsAction(OcppVersion.V201, action).Should().BeTrue(action);
            Validator.Validate(OcppVersion.V201, action, PayloadKind.Request, Json("{}"));
        }
    }

    [Test]
    public void Actions_belong_to_their_version()
    {
        Validator.IsAction(OcppVersion.V16, "StartTransaction").Should().BeTrue();
        Validator.IsAction(OcppVersion.V201, "StartTransaction").Should().BeFalse();
        Validator.IsAction(OcppVersion.V201, "TransactionEvent").Should().BeTrue();
        Validator.IsAction(OcppVersion.V16, "StartTransactionResponse").Should().BeFalse();
    }

    [TestCase("{\"connectorId\":1}", "OccurrenceConstraintViolation", "#/meterValue")]
    [TestCase("{\"connectorId\":\"1\",\"meterValue\":[{\"timestamp\":\"2024-01-01T00:00:00Z\",\"sampledValue\":[{\"value\":\"1\"}]}]}", "TypeConstraintViolation", "#/connectorId")]
    [TestCase("{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2024-01-01T00:00:00Z\",\"sampledValue\":[{\"value\":\"1\",\"unit\":\"Parsec\"}]}]}", "PropertyConstraintViolation", "#/meterValue[0].sampledValue[0].unit")]
    [TestCase("{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"yesterday\",\"sampledValue\":[{\"value\":\"1\"}]}]}", "PropertyConstraintViolation", "#/meterValue[0].timestamp")]
    [TestCase("{\"connectorId\":1,\"meterValue\":[],\"extra\":1}", "OccurrenceConstraintViolation", "#/meterValue")]
    [TestCase("{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2024-01-01T00:00:00Z\",\"sampledValue\":[{\"value\":\"1\"}]}],\"extra\":1}", "FormatViolation", "#/extra")]
    public void A_violation_names_its_place_and_the_matching_error_code(string payload, string code, string path)
    {
        var violation = Validator.Validate(OcppVersion.V16, "MeterValues", PayloadKind.Request, Json(payload))[0];

        violation.Code.Should().Be(Enum.Parse<OcppErrorCode>(code));
        violation.Path.Should().Be(path);
    }

    [Test]
    public void A_valid_payload_of_either_version_has_no_violation()
    {
        Validator.Validate(OcppVersion.V16, "StartTransaction", PayloadKind.Request, Json("{\"connectorId\":1,\"idTag\":\"A\",\"meterStart\":0,\"timestamp\":\"2024-01-01T00:00:00.123456+01:00\"}"))
            .Should().BeEmpty("any RFC 3339 time is accepted, microseconds and offsets included");
        Validator.Validate(OcppVersion.V201, "TransactionEvent", PayloadKind.Request, Json(
            "{\"eventType\":\"Started\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"triggerReason\":\"Authorized\",\"seqNo\":0,\"transactionInfo\":{\"transactionId\":\"t1\"}," +
            "\"meterValue\":[{\"timestamp\":\"2024-01-01T00:00:00Z\",\"sampledValue\":[{\"value\":12.5,\"unitOfMeasure\":{\"unit\":\"kWh\",\"multiplier\":0}}]}]}"))
            .Should().BeEmpty();
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;
}
