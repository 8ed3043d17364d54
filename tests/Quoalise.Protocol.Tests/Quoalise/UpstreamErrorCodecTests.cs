using System.Xml.Linq;
using Quoalise.Protocol.Quoalise;
using Quoalise.Protocol.Xml;
using Quoalise.Testing.Xml;

namespace Quoalise.Protocol.Tests.Quoalise;

public class UpstreamErrorCodecTests
{
    [Test]
    public void It_is_written_with_issuer_and_code()
    {
        ValidatedWrite.UpstreamError(new UpstreamError("enedis-sge-tiers", "SGT570")).ToString(SaveOptions.DisableFormatting)
            .Should().Be("""<upstream-error issuer="enedis-sge-tiers" code="SGT570" xmlns="urn:quoalise:0" />""");
    }

    [Test]
    public void An_unknown_code_is_still_written_because_the_Python_client_reads_it_without_default()
    {
        var written = ValidatedWrite.UpstreamError(new UpstreamError("enedis-data-connect", string.Empty));

        written.Attribute(QuoaliseNames.CodeAttribute)!.Value.Should().BeEmpty();
    }

    [Test]
    public void It_reads_back()
    {
        var error = new UpstreamError("charge-point-42", "InternalError");

        UpstreamErrorCodec.Read(ValidatedWrite.UpstreamError(error)).Should().Be(error);
    }

    [Test]
    public void It_is_read_inside_a_stanza_error()
    {
        var iq = SafeXml.Parse(ResearchPayloads.UpstreamErrorInIq);

        UpstreamErrorCodec.Read(iq.Descendants(QuoaliseNames.UpstreamError).Single())
            .Should().Be(new UpstreamError("enedis-data-connect", "ADAM-ERR0123"));
    }

    [Test]
    public void A_missing_code_as_data_connect_proxy_sends_reads_as_empty()
    {
        UpstreamErrorCodec.Read(SafeXml.Parse("""<upstream-error xmlns="urn:quoalise:0" issuer="enedis-data-connect"/>"""))
            .Should().Be(new UpstreamError("enedis-data-connect", string.Empty));
    }

    [Test]
    public void A_missing_issuer_or_a_wrong_element_is_rejected()
    {
        FluentActions.Invoking(() => UpstreamErrorCodec.Read(SafeXml.Parse("""<upstream-error xmlns="urn:quoalise:0" code="1"/>""")))
            .Should().Throw<QuoaliseFormatException>().WithMessage("*no issuer*");
        FluentActions.Invoking(() => UpstreamErrorCodec.Read(SafeXml.Parse("""<upstream-error issuer="x" code="1"/>""")))
            .Should().Throw<QuoaliseFormatException>().WithMessage("*urn:quoalise:0*");
    }

    [Test]
    public void An_empty_issuer_is_refused_when_writing()
    {
        FluentActions.Invoking(() => UpstreamErrorCodec.Write(new UpstreamError(string.Empty, "1"))).Should().Throw<ArgumentException>();
    }
}
