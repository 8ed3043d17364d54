using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Quoalise.Protocol.Quoalise;
using Quoalise.Protocol.Xml;
using Quoalise.Testing.Xml;

namespace Quoalise.Protocol.Tests.Quoalise;

public class SchemaTests
{
    [TestCaseSource(typeof(ResearchPayloads), nameof(ResearchPayloads.AllPayloads))]
    public void The_schemas_accept_what_the_Python_implementations_emit(string payload) =>
        SchemaValidation.Errors(SafeXml.Parse(payload)).Should().BeEmpty();

    [TestCaseSource(typeof(RepresentativePayloads), nameof(RepresentativePayloads.All))]
    public void Representative_payloads_are_valid_alone_and_inside_a_command_result(QuoaliseData[] data)
    {
        var payload = ValidatedWrite.Payload(data);
        var result = new XElement(
            XName.Get("command", "http://jabber.org/protocol/commands"),
            new XAttribute("status", "completed"),
            payload,
            UpstreamErrorCodec.Write(new UpstreamError("enedis-sge-tiers", "SGT570")));

        SchemaValidation.AssertPayloadsValid(result);
        SchemaValidation.AssertPayloadsValid(SafeXml.Parse(result.ToString()));
    }

    [Test]
    public void Validating_a_container_without_payload_fails() =>
        FluentActions.Invoking(() => SchemaValidation.AssertPayloadsValid(new XElement("iq"))).Should().Throw<InvalidOperationException>();

    [Test]
    public void The_schemas_accept_an_upstream_error_inside_a_stanza_error() =>
        SchemaValidation.AssertPayloadsValid(SafeXml.Parse(ResearchPayloads.UpstreamErrorInIq));

    [Test]
    public void The_schemas_accept_the_RFC_8428_section_7_example()
    {
        var example = SafeXml.Parse("""
            <sensml xmlns="urn:ietf:params:xml:ns:senml">
              <senml bn="urn:dev:ow:10e2073a0108006:" bt="1.276020076001e+09" bu="A" bver="5" n="voltage" u="V" v="120.1"></senml>
              <senml n="current" t="-5" v="1.2"></senml>
              <senml n="current" v="1.7"></senml>
            </sensml>
            """);

        SchemaValidation.Errors(example).Should().BeEmpty();
    }

    [Test]
    public void A_data_without_meta_is_rejected()
    {
        var payload = SafeXml.Parse("""
            <quoalise xmlns="urn:quoalise:0">
              <data>
                <sensml xmlns="urn:ietf:params:xml:ns:senml"><senml bn="urn:dev:x" v="1"/></sensml>
              </data>
            </quoalise>
            """);

        SchemaValidation.Errors(payload).Should().ContainSingle().Which.Should().Contain("meta");
    }

    [Test]
    public void An_upstream_error_without_code_is_rejected() =>
        SchemaValidation.Errors(SafeXml.Parse("""<upstream-error xmlns="urn:quoalise:0" issuer="enedis-data-connect"/>"""))
            .Should().ContainSingle().Which.Should().Contain("code");

    [Test]
    public void An_empty_sensml_is_rejected_because_a_pack_holds_at_least_one_record() =>
        SchemaValidation.Errors(SafeXml.Parse("""<sensml xmlns="urn:ietf:params:xml:ns:senml"/>""")).Should().NotBeEmpty();

    [Test]
    public void A_senml_attribute_outside_RFC_8428_is_rejected() =>
        SchemaValidation.Errors(SafeXml.Parse("""<sensml xmlns="urn:ietf:params:xml:ns:senml"><senml n="x" v="1" l="2"/></sensml>"""))
            .Should().ContainSingle().Which.Should().Contain("'l'");

    [Test]
    public void A_non_numeric_value_is_rejected() =>
        SchemaValidation.Errors(SafeXml.Parse("""<sensml xmlns="urn:ietf:params:xml:ns:senml"><senml n="x" v="null"/></sensml>"""))
            .Should().ContainSingle().Which.Should().Contain("'v'");

    [Test]
    public void A_device_without_type_is_rejected() =>
        SchemaValidation.Errors(SafeXml.Parse("""
            <quoalise xmlns="urn:quoalise:0"><data><meta><device><identifier authority="enedis" type="prm" value="1"/></device></meta></data></quoalise>
            """)).Should().ContainSingle().Which.Should().Contain("type");

    [Test]
    public void A_sampling_interval_in_seconds_is_rejected_as_not_a_duration() =>
        SchemaValidation.Errors(SafeXml.Parse("""
            <quoalise xmlns="urn:quoalise:0"><data><meta><measurement sampling-interval="1800"/></meta></data></quoalise>
            """)).Should().ContainSingle().Which.Should().Contain("sampling-interval");

    [Test]
    public void An_element_in_another_namespace_is_reported() =>
        SchemaValidation.Errors(SafeXml.Parse("""<quoalise xmlns="urn:quoalise:1"/>""")).Should().NotBeEmpty();

    [Test]
    public void Extensions_in_meta_are_accepted_and_known_elements_below_them_still_checked()
    {
        var extended = SafeXml.Parse("""
            <quoalise xmlns="urn:quoalise:0"><data><meta>
              <app id="https://datahub-enedis.fr/data-connect/"><data-connect xmlns="urn:consometers:dataconnect:0"><start>2020-01-01</start></data-connect></app>
              <measurement name="active-power" graph="load-profile"/>
            </meta></data></quoalise>
            """);
        var broken = SafeXml.Parse("""
            <quoalise xmlns="urn:quoalise:0"><data><meta><app><identifier authority="enedis"/></app></meta></data></quoalise>
            """);

        SchemaValidation.Errors(extended).Should().BeEmpty();
        SchemaValidation.Errors(broken).Should().NotBeEmpty();
    }

    [Test]
    public void The_README_lists_the_sha256_of_each_schema()
    {
        var readme = File.ReadAllText(Path.Combine(SchemaValidation.SchemaDirectory, "README.md"));

        foreach (var file in new[] { "senml.xsd", "quoalise-0.xsd" })
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(SchemaValidation.SchemaDirectory, file))));
            readme.Should().MatchRegex($@"`{Regex.Escape(file)}`[^\n]*`{hash}`", $"README.md should give the current sha256 of {file}");
        }
    }

    [Test]
    public void The_schema_namespaces_are_the_ones_the_code_uses()
    {
        var senml = File.ReadAllText(Path.Combine(SchemaValidation.SchemaDirectory, "senml.xsd"));
        var quoalise = File.ReadAllText(Path.Combine(SchemaValidation.SchemaDirectory, "quoalise-0.xsd"));

        senml.Should().Contain($"targetNamespace=\"{SenMLNames.Namespace}\"");
        quoalise.Should().Contain($"targetNamespace=\"{QuoaliseNames.Namespace}\"");
    }
}
