using System.Xml.Linq;
using Quoalise.Protocol.Quoalise;
using Quoalise.Protocol.Xml;
using Quoalise.Testing.Xml;

namespace Quoalise.Protocol.Tests.Quoalise;

public class QuoalisePayloadCodecTests
{
    private const string Series = "urn:dev:prm:30001610071843_consumption/power/active/raw";
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly FixedTimeProvider Clock = new(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly QuoaliseMeta LoadCurveMeta = new(
        new DeviceMeta("electricity-meter", [new DeviceIdentifier("enedis", "prm", "30001610071843")]),
        new MeasurementMeta("active-power", "consumption", "power", "electrical", "W", "mean", "PT30M"));

    private static readonly SenMLRecord[] LoadCurve =
    [
        new(Series, Start, "W", 342),
        new(Series, Start.AddMinutes(30), "W", 338),
    ];

    [Test]
    public void The_envelope_matches_what_the_Python_client_parses()
    {
        var written = ValidatedWrite.Payload(new QuoaliseData(LoadCurveMeta, LoadCurve));

        written.ToString(SaveOptions.DisableFormatting).Should().Be(
            "<quoalise xmlns=\"urn:quoalise:0\"><data><meta>"
            + "<device type=\"electricity-meter\"><identifier authority=\"enedis\" type=\"prm\" value=\"30001610071843\" /></device>"
            + "<measurement name=\"active-power\" direction=\"consumption\" quantity=\"power\" type=\"electrical\" unit=\"W\" aggregation=\"mean\" sampling-interval=\"PT30M\" />"
            + "</meta><sensml xmlns=\"urn:ietf:params:xml:ns:senml\">"
            + $"<senml bn=\"{Series}\" bt=\"1704067200\" bu=\"W\" v=\"342\" /><senml t=\"1800\" v=\"338\" />"
            + "</sensml></data></quoalise>");
    }

    [Test]
    public void Meta_is_written_even_when_empty()
    {
        var written = ValidatedWrite.Payload(new QuoaliseData(QuoaliseMeta.Empty, LoadCurve));

        written.Element(QuoaliseNames.Data)!.Elements().First().Should().BeEquivalentTo(new XElement(QuoaliseNames.Meta));
    }

    [Test]
    public void Several_data_are_written_in_order_and_read_back()
    {
        var production = new QuoaliseData(
            LoadCurveMeta with { Measurement = LoadCurveMeta.Measurement! with { Direction = "production" } },
            [new SenMLRecord("urn:dev:prm:30001610071843_production/power/active/raw", Start, "W", 12)]);
        var data = new[] { new QuoaliseData(LoadCurveMeta, LoadCurve), production, new QuoaliseData(QuoaliseMeta.Empty, LoadCurve) };

        var written = ValidatedWrite.Payload(data);
        var read = QuoalisePayloadCodec.Read(written, Clock);

        written.Elements(QuoaliseNames.Data).Should().HaveCount(3);
        read.Should().BeEquivalentTo(data, o => o.WithStrictOrdering());
    }

    [Test]
    public void Data_without_records_has_meta_but_no_sensml_and_reads_back_empty()
    {
        var written = ValidatedWrite.Payload(new QuoaliseData(LoadCurveMeta, []));

        written.Element(QuoaliseNames.Data)!.Elements().Select(e => e.Name).Should().Equal(QuoaliseNames.Meta);
        QuoalisePayloadCodec.Read(written, Clock).Single().Records.Should().BeEmpty();
    }

    [Test]
    public void An_empty_sensml_as_the_Python_library_sends_reads_as_no_records()
    {
        var payload = SafeXml.Parse("""<quoalise xmlns="urn:quoalise:0"><data><meta/><sensml xmlns="urn:ietf:params:xml:ns:senml"/></data></quoalise>""");

        QuoalisePayloadCodec.Read(payload, Clock).Single().Records.Should().BeEmpty();
    }

    [Test]
    public void The_Python_library_payload_reads_with_records_resolved()
    {
        var data = QuoalisePayloadCodec.Read(SafeXml.Parse(ResearchPayloads.SecondGenerationReactiveWithPrefix), Clock).Single();

        data.Records.Should().Equal(
            new SenMLRecord("urn:dev:prm:30001642617347_consumption/power/inductive/raw", DateTimeOffset.FromUnixTimeSeconds(1647560408), "Wr", 12),
            new SenMLRecord("urn:dev:prm:30001642617347_consumption/power/inductive/raw", DateTimeOffset.FromUnixTimeSeconds(1647560708), "Wr", 14));
        data.Meta.Measurement!.Unit.Should().Be("Wr");
    }

    [TestCaseSource(typeof(ResearchPayloads), nameof(ResearchPayloads.AllPayloads))]
    public void Research_payloads_read_and_write_back_to_the_same_data(string payload)
    {
        var read = QuoalisePayloadCodec.Read(SafeXml.Parse(payload), Clock);
        var registered = read.Select(d => d.Records.Any(r => r.Unit == "Wr") ? WithoutWr(d) : d).ToList();

        QuoalisePayloadCodec.Read(ValidatedWrite.Payload([.. registered]), Clock).Should().BeEquivalentTo(registered, o => o.WithStrictOrdering());
    }

    [Test]
    public void A_data_without_meta_is_rejected()
    {
        var payload = SafeXml.Parse("""
            <quoalise xmlns="urn:quoalise:0">
              <data><meta/></data>
              <data><sensml xmlns="urn:ietf:params:xml:ns:senml"><senml bn="urn:dev:x" bt="1700000000" v="1"/></sensml></data>
            </quoalise>
            """);

        FluentActions.Invoking(() => QuoalisePayloadCodec.Read(payload)).Should().Throw<QuoaliseFormatException>()
            .WithMessage("<data> 1: <data> has no <meta>*");
    }

    [Test]
    public void A_SenML_error_inside_a_data_names_the_data_the_record_and_the_field()
    {
        var payload = SafeXml.Parse("""
            <quoalise xmlns="urn:quoalise:0">
              <data><meta/><sensml xmlns="urn:ietf:params:xml:ns:senml"><senml bn="urn:dev:x" bt="1700000000" v="1"/><senml t="60" v="x"/></sensml></data>
            </quoalise>
            """);

        var error = FluentActions.Invoking(() => QuoalisePayloadCodec.Read(payload)).Should().Throw<QuoaliseFormatException>().Which;

        error.Message.Should().Be("<data> 0: SenML record 1, field 'v': 'x' is not a finite number");
        error.InnerException.Should().BeOfType<SenMLFormatException>().Which.RecordIndex.Should().Be(1);
    }

    [TestCase("""<quoalise xmlns="urn:quoalise:1"><data><meta/></data></quoalise>""", "Expected <quoalise xmlns=\"urn:quoalise:0\">*")]
    [TestCase("""<quoalise xmlns="urn:quoalise:0"/>""", "<quoalise> has no <data>.")]
    [TestCase("""<quoalise xmlns="urn:quoalise:0"><meta/></quoalise>""", "<quoalise> holds only <data>*")]
    [TestCase("""<quoalise xmlns="urn:quoalise:0"><data><meta/><meta/></data></quoalise>""", "<data> 0: unexpected '{urn:quoalise:0}meta'*")]
    [TestCase("""<quoalise xmlns="urn:quoalise:0"><data><meta/><device type="x"/></data></quoalise>""", "<data> 0: unexpected '{urn:quoalise:0}device'*")]
    public void Malformed_envelopes_are_rejected_saying_what_is_wrong(string xml, string message)
    {
        FluentActions.Invoking(() => QuoalisePayloadCodec.Read(SafeXml.Parse(xml))).Should().Throw<QuoaliseFormatException>().WithMessage(message);
    }

    [Test]
    public void Writing_refuses_no_data_and_names_the_data_at_fault()
    {
        FluentActions.Invoking(() => QuoalisePayloadCodec.Write([])).Should().Throw<ArgumentException>().WithMessage("*at least one <data>*");
        FluentActions.Invoking(() => QuoalisePayloadCodec.Write([new QuoaliseData(LoadCurveMeta, LoadCurve), new QuoaliseData(QuoaliseMeta.Empty, [new SenMLRecord("urn:dev:x", Start, "Wr", 1)])]))
            .Should().Throw<ArgumentException>().WithMessage("Data 1: SenML record 0 cannot be written: unit 'Wr'*");
    }

    [Test]
    public void A_large_series_keeps_microsecond_times_through_the_envelope()
    {
        var records = Enumerable.Range(0, 1000).Select(i => new SenMLRecord(Series, Start.AddTicks(i * 12_345_670L), "W", i - 500.25)).ToArray();

        QuoalisePayloadCodec.Read(SafeXml.Parse(ValidatedWrite.Payload(new QuoaliseData(LoadCurveMeta, records)).ToString()), Clock)
            .Single().Records.Should().Equal(records);
    }

    // Wr is what the federation sends but not ours to emit: map it to var to write it back.
    private static QuoaliseData WithoutWr(QuoaliseData data) =>
        new(
            data.Meta with { Measurement = data.Meta.Measurement! with { Unit = "var" } },
            data.Records.Select(r => r with { Unit = "var" }).ToList());
}
