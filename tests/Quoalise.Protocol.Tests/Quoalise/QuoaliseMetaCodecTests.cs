using System.Xml.Linq;
using Quoalise.Protocol.Quoalise;
using Quoalise.Protocol.Xml;
using Quoalise.Testing.Xml;

namespace Quoalise.Protocol.Tests.Quoalise;

public class QuoaliseMetaCodecTests
{
    private static readonly DeviceMeta Meter = new("electricity-meter", [new DeviceIdentifier("enedis", "prm", "10284856584123")]);

    [Test]
    public void The_first_generation_reads_into_the_flattened_model()
    {
        var meta = ReadMeta(ResearchPayloads.FirstGenerationLoadCurve);

        meta.Device.Should().BeEquivalentTo(Meter);
        meta.Measurement.Should().BeEquivalentTo(
            new MeasurementMeta(Direction: "production", Quantity: "power", Type: "electrical", Unit: "W", Aggregation: "average", SamplingInterval: "PT30M")
            {
                ExtraAttributes = new Dictionary<string, string> { ["graph"] = "load-profile" },
            });
    }

    [Test]
    public void The_first_generation_daily_has_no_graph()
    {
        var measurement = ReadMeta(ResearchPayloads.FirstGenerationDaily).Measurement!;

        measurement.Should().BeEquivalentTo(new MeasurementMeta(Direction: "consumption", Quantity: "energy", Type: "electrical", Unit: "Wh", Aggregation: "sum", SamplingInterval: "P1D"));
        measurement.ExtraAttributes.Should().BeEmpty();
    }

    [Test]
    public void The_second_generation_reads_every_attribute()
    {
        var meta = ReadMeta(ResearchPayloads.SecondGenerationLoadCurve);

        meta.Device!.Identifiers.Should().ContainSingle().Which.Should().BeEquivalentTo(new DeviceIdentifier("enedis", "prm", "30001610071843"));
        meta.Measurement.Should().BeEquivalentTo(
            new MeasurementMeta("active-power", "consumption", "power", "electrical", "W", "mean", "PT10M") { Corrected = false });
    }

    [Test]
    public void An_empty_meta_reads_as_empty()
    {
        ReadMeta(ResearchPayloads.ZabbixEmptyMeta).Should().BeEquivalentTo(QuoaliseMeta.Empty);
    }

    [Test]
    public void A_first_generation_meta_is_written_back_flattened()
    {
        var read = QuoalisePayloadCodec.Read(SafeXml.Parse(ResearchPayloads.FirstGenerationLoadCurve)).Single();

        var measurement = ValidatedWrite.Payload(read).Descendants(QuoaliseNames.Measurement).Single();

        measurement.ToString(SaveOptions.DisableFormatting).Should().Be(
            """<measurement direction="production" quantity="power" type="electrical" unit="W" aggregation="average" sampling-interval="PT30M" graph="load-profile" xmlns="urn:quoalise:0" />""");
    }

    [Test]
    public void Unknown_attributes_and_elements_survive_a_read_and_a_write()
    {
        var payload = SafeXml.Parse("""
            <quoalise xmlns="urn:quoalise:0" xmlns:x="urn:example:x"><data>
              <meta x:source="test">
                <device type="electricity-meter" x:model="Linky">
                  <identifier authority="enedis" type="prm" value="10284856584123" x:checked="true"/>
                  <location x:city="Rennes"/>
                </device>
                <measurement name="active-power" unit="W" subtype="active" estimated="false">
                  <x:calibration date="2024-01-01">factory <x:by>ACME</x:by></x:calibration>
                </measurement>
                <app id="https://datahub-enedis.fr/data-connect/">
                  <data-connect xmlns="urn:consometers:dataconnect:0"><start>2020-09-01</start><end>2020-09-02</end></data-connect>
                </app>
                <pricing range-code="HPH" type="DI000003"/>
              </meta>
            </data></quoalise>
            """);

        var read = QuoalisePayloadCodec.Read(payload).Single();
        var reread = QuoalisePayloadCodec.Read(ValidatedWrite.Payload(read)).Single();

        reread.Should().BeEquivalentTo(read, o => o.WithStrictOrdering());
        read.Meta.ExtraAttributes.Should().Equal(new Dictionary<string, string> { ["{urn:example:x}source"] = "test" });
        read.Meta.Device!.ExtraAttributes.Should().ContainKey("{urn:example:x}model");
        read.Meta.Device.Identifiers[0].ExtraAttributes.Should().ContainKey("{urn:example:x}checked");
        read.Meta.Device.ExtraElements.Should().ContainSingle().Which.Name.Should().Be("location");
        read.Meta.Measurement!.ExtraAttributes.Should().Equal(new Dictionary<string, string> { ["subtype"] = "active", ["estimated"] = "false" });
        var calibration = read.Meta.Measurement.ExtraElements.Should().ContainSingle().Subject;
        (calibration.Namespace, calibration.Name, calibration.Text).Should().Be(("urn:example:x", "calibration", "factory "));
        calibration.Children.Should().ContainSingle().Which.Text.Should().Be("ACME");
        read.Meta.ExtraElements.Select(e => e.Name).Should().Equal("app", "pricing");
        read.Meta.ExtraElements[0].Children.Single().Children.Select(c => c.Text).Should().Equal("2020-09-01", "2020-09-02");
    }

    [Test]
    public void Both_generations_in_one_measurement_must_agree()
    {
        var agreeing = """<measurement unit="W"><physical unit="W" quantity="power"/></measurement>""";
        var conflicting = """<measurement unit="W"><physical unit="Wh"/></measurement>""";

        ReadMeasurement(agreeing).Should().BeEquivalentTo(new MeasurementMeta(Quantity: "power", Unit: "W"));
        FluentActions.Invoking(() => ReadMeasurement(conflicting)).Should().Throw<QuoaliseFormatException>()
            .WithMessage("<data> 0: <measurement> gives 'unit' twice, as 'W' and 'Wh'.");
    }

    [TestCase("""<meta><device type="a"/><device type="b"/></meta>""", "<data> 0: <meta> has more than one <device>.")]
    [TestCase("""<meta><measurement/><measurement/></meta>""", "<data> 0: <meta> has more than one <measurement>.")]
    [TestCase("""<meta><device><identifier authority="enedis" type="prm" value="1"/></device></meta>""", "<data> 0: <device> has no 'type' attribute.")]
    [TestCase("""<meta><device type="electricity-meter"><identifier authority="enedis" type="prm"/></device></meta>""", "<data> 0: <identifier> has no 'value' attribute.")]
    [TestCase("""<meta><measurement corrected="maybe"/></meta>""", "<data> 0: <measurement> corrected='maybe' is not a boolean*")]
    public void Malformed_meta_is_rejected_saying_what_is_wrong(string meta, string message)
    {
        var payload = SafeXml.Parse($"""<quoalise xmlns="urn:quoalise:0"><data>{meta}</data></quoalise>""");

        FluentActions.Invoking(() => QuoalisePayloadCodec.Read(payload)).Should().Throw<QuoaliseFormatException>().WithMessage(message);
    }

    [Test]
    public void Corrected_is_written_as_an_xml_boolean()
    {
        var written = ValidatedWrite.Payload(new QuoaliseData(new QuoaliseMeta(Measurement: new MeasurementMeta(Name: "active-power") { Corrected = true }), []));

        written.Descendants(QuoaliseNames.Measurement).Single().Attribute(QuoaliseNames.CorrectedAttribute)!.Value.Should().Be("true");
    }

    [TestCase("Wr", "not a registered SenML unit")]
    [TestCase(null, null)]
    public void Writing_a_measurement_checks_its_unit(string? unit, string? problem)
    {
        var write = () => QuoalisePayloadCodec.Write([new QuoaliseData(new QuoaliseMeta(Measurement: new MeasurementMeta(Unit: unit)), [])]);

        if (problem is null)
        {
            SchemaValidation.AssertValid(write());
        }
        else
        {
            write.Should().Throw<ArgumentException>().WithMessage($"*{problem}*");
        }
    }

    [TestCase("1800")]
    [TestCase("30 minutes")]
    public void Writing_refuses_a_sampling_interval_that_is_not_a_duration(string interval)
    {
        FluentActions.Invoking(() => QuoalisePayloadCodec.Write([new QuoaliseData(new QuoaliseMeta(Measurement: new MeasurementMeta(SamplingInterval: interval)), [])]))
            .Should().Throw<ArgumentException>().WithMessage("*ISO 8601 duration*");
    }

    [TestCase("unit")]
    [TestCase("xmlns")]
    [TestCase("{http://www.w3.org/2000/xmlns/}q")]
    public void Writing_refuses_extra_attributes_that_clash(string name)
    {
        var measurement = new MeasurementMeta(Unit: "W") { ExtraAttributes = new Dictionary<string, string> { [name] = "x" } };

        FluentActions.Invoking(() => QuoalisePayloadCodec.Write([new QuoaliseData(new QuoaliseMeta(Measurement: measurement), [])]))
            .Should().Throw<ArgumentException>().WithMessage("*Extra attribute*");
    }

    private static QuoaliseMeta ReadMeta(string payload) => QuoalisePayloadCodec.Read(SafeXml.Parse(payload)).Single().Meta;

    private static MeasurementMeta ReadMeasurement(string measurement) =>
        ReadMeta($"""<quoalise xmlns="urn:quoalise:0"><data><meta>{measurement}</meta></data></quoalise>""").Measurement!;
}
