using Quoalise.Adapters.Ocpp.Rpc;

namespace Quoalise.Adapters.Ocpp.Tests.Rpc;

public class OcppErrorsTests
{
    [TestCase("FormatViolation", "FormationViolation", "FormatViolation")]
    [TestCase("OccurrenceConstraintViolation", "OccurenceConstraintViolation", "OccurrenceConstraintViolation")]
    [TestCase("RpcFrameworkError", "FormationViolation", "RpcFrameworkError")]
    [TestCase("MessageTypeNotSupported", "NotSupported", "MessageTypeNotSupported")]
    [TestCase("SecurityError", "SecurityError", "SecurityError")]
    public void Codes_are_spelt_as_each_version_spells_them(string name, string v16, string v201)
    {
        var code = Enum.Parse<OcppErrorCode>(name);
        OcppErrors.Spell(OcppVersion.V16, code).Should().Be(v16);
        OcppErrors.Spell(OcppVersion.V201, code).Should().Be(v201);
    }

    [TestCase("FormationViolation", "FormatViolation")]
    [TestCase("FormatViolation", "FormatViolation")]
    [TestCase("OccurenceConstraintViolation", "OccurrenceConstraintViolation")]
    [TestCase("OccurrenceConstraintViolation", "OccurrenceConstraintViolation")]
    [TestCase("NotImplemented", "NotImplemented")]
    public void Codes_received_are_read_in_either_spelling(string received, string code) =>
        OcppErrors.Parse(received).Should().Be(Enum.Parse<OcppErrorCode>(code));

    [TestCase("3")]
    [TestCase("notImplemented")]
    [TestCase("Whatever")]
    [TestCase("")]
    public void Anything_else_is_no_code(string received) => OcppErrors.Parse(received).Should().BeNull();

    [Test]
    public void Descriptions_are_cut_at_255_characters()
    {
        var error = OcppErrors.Create(OcppVersion.V201, OcppErrorCode.GenericError, new string('x', 400));

        error.Description.Length.Should().Be(OcppErrors.MaxDescriptionLength);
        error.Description.Should().EndWith("…");
    }
}
