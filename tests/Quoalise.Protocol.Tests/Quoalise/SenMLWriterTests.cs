using System.Text;
using System.Xml.Linq;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Protocol.Tests.Quoalise;

/// <summary>What the writers emit: base-field factoring, number forms, and the records they refuse.</summary>
public class SenMLWriterTests
{
    private const string Series = "urn:dev:prm:30001610071843_consumption/power/active/raw";
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_series_puts_base_name_time_and_unit_on_the_first_record_only()
    {
        var records = new[]
        {
            new SenMLRecord(Series, Start, "W", 342),
            new SenMLRecord(Series, Start.AddMinutes(30), "W", 338.5),
            new SenMLRecord(Series, Start.AddMinutes(60).AddTicks(10), "W", -0.1),
        };

        var xml = ValidatedWrite.SenML(records).ToString(SaveOptions.DisableFormatting);
        var json = Encoding.UTF8.GetString(SenMLJsonCodec.Write(records));

        xml.Should().Be(
            $"""<sensml xmlns="urn:ietf:params:xml:ns:senml"><senml bn="{Series}" bt="1704067200" bu="W" v="342" /><senml t="1800" v="338.5" /><senml t="3600.000001" v="-0.1" /></sensml>""");
        json.Should().Be(
            $$"""[{"bn":"{{Series}}","bt":1704067200,"bu":"W","v":342},{"t":1800,"v":338.5},{"t":3600.000001,"v":-0.1}]""");
    }

    [TestCase(342.0, "342")]
    [TestCase(0.1, "0.1")]
    [TestCase(1e20, "1e+20")]
    [TestCase(-1.5e-7, "-1.5e-07")]
    [TestCase(1.0 / 3, "0.3333333333333333")]
    [TestCase(double.MaxValue, "1.7976931348623157e+308")]
    public void Numbers_use_the_shortest_round_trip_form_with_a_lower_case_exponent(double value, string expected)
    {
        var records = new[] { new SenMLRecord("urn:dev:x", Start, "W", value) };

        ValidatedWrite.SenML(records).Element(SenMLNames.SenML)!.Attribute(SenMLNames.Value)!.Value.Should().Be(expected);
        Encoding.UTF8.GetString(SenMLJsonCodec.Write(records)).Should().EndWith($"\"v\":{expected}}}]");
    }

    [TestCase(0L, "1704067200")]
    [TestCase(5_000_000L, "1704067200.5")]
    [TestCase(10L, "1704067200.000001")]
    [TestCase(1L, "1704067200.0000001")]
    [TestCase(1_230_000L, "1704067200.123")]
    public void Times_have_a_fraction_only_when_needed(long ticks, string expected)
    {
        var records = new[] { new SenMLRecord("urn:dev:x", Start.AddTicks(ticks), "W", 1) };

        ValidatedWrite.SenML(records).Element(SenMLNames.SenML)!.Attribute(SenMLNames.BaseTime)!.Value.Should().Be(expected);
    }

    [Test]
    public void Offsets_before_the_base_time_are_negative()
    {
        var records = new[] { new SenMLRecord("urn:dev:x", Start, "W", 1), new SenMLRecord("urn:dev:x", Start.AddSeconds(-90.25), "W", 2) };

        Encoding.UTF8.GetString(SenMLJsonCodec.Write(records)).Should().Contain("""{"t":-90.25,"v":2}""");
    }

    [Test]
    public void Names_sharing_a_prefix_get_a_base_name_cut_after_a_separator()
    {
        var records = new[]
        {
            new SenMLRecord("urn:dev:prm:30001642617347_consumption/energy/index", Start, "Wh", 1227032000),
            new SenMLRecord("urn:dev:prm:30001642617347_consumption/energy/index/distributor/hce", Start, "Wh", 847000),
            new SenMLRecord("urn:dev:prm:30001642617347_consumption/energy/index/distributor/hch", Start, "Wh", 527659000),
        };

        var written = ValidatedWrite.SenML(records).Elements().ToList();

        written[0].Attribute(SenMLNames.BaseName)!.Value.Should().Be("urn:dev:prm:30001642617347_consumption/energy/");
        written.Select(e => e.Attribute(SenMLNames.Name)!.Value).Should().Equal("index", "index/distributor/hce", "index/distributor/hch");
        written.Skip(1).Should().OnlyContain(e => e.Attribute(SenMLNames.Time) == null, "t is omitted when 0");
    }

    [Test]
    public void Names_cut_at_a_colon_or_an_underscore_too()
    {
        var colon = ValidatedWrite.SenML([new("urn:dev:ow:10e2073a01080063:voltage", Start, "V", 120.1), new("urn:dev:ow:10e2073a01080063:current", Start, "A", 1.2)]);
        var underscore = ValidatedWrite.SenML([new("urn:dev:prm:1_consumption", Start, "W", 1), new("urn:dev:prm:1_production", Start, "W", 2)]);

        colon.Element(SenMLNames.SenML)!.Attribute(SenMLNames.BaseName)!.Value.Should().Be("urn:dev:ow:10e2073a01080063:");
        underscore.Element(SenMLNames.SenML)!.Attribute(SenMLNames.BaseName)!.Value.Should().Be("urn:dev:prm:1_");
    }

    [Test]
    public void Names_without_a_common_separator_get_no_base_name()
    {
        var written = ValidatedWrite.SenML([new("abc", Start, "W", 1), new("abd", Start, "W", 2)]);

        written.Elements().Should().OnlyContain(e => e.Attribute(SenMLNames.BaseName) == null);
        written.Elements().Select(e => e.Attribute(SenMLNames.Name)!.Value).Should().Equal("abc", "abd");
    }

    [Test]
    public void The_most_frequent_unit_becomes_the_base_unit_and_others_override_it()
    {
        var records = new[]
        {
            new SenMLRecord("urn:dev:ow:10e2073a01080063", Start, "%RH", 20),
            new SenMLRecord("urn:dev:ow:10e2073a01080063", Start, "lon", 24.30621),
            new SenMLRecord("urn:dev:ow:10e2073a01080063", Start, "lon", 24.30622),
            new SenMLRecord("urn:dev:ow:10e2073a01080063", Start, "lat", 60.07965),
        };

        var written = ValidatedWrite.SenML(records).Elements().ToList();

        written[0].Attribute(SenMLNames.BaseUnit)!.Value.Should().Be("lon");
        written.Select(e => e.Attribute(SenMLNames.Unit)?.Value).Should().Equal("%RH", null, null, "lat");
    }

    [Test]
    public void A_tie_between_units_goes_to_the_one_seen_first()
    {
        var written = ValidatedWrite.SenML([new("urn:dev:x", Start, "A", 1), new("urn:dev:x", Start, "V", 2), new("urn:dev:x", Start, "V", 3), new("urn:dev:x", Start, "A", 4)]);

        written.Element(SenMLNames.SenML)!.Attribute(SenMLNames.BaseUnit)!.Value.Should().Be("A");
    }

    [Test]
    public void A_record_without_unit_prevents_a_base_unit()
    {
        var written = ValidatedWrite.SenML([new("urn:dev:x", Start, "W", 1), new("urn:dev:x", Start, null, 2)]);

        written.Elements().Should().OnlyContain(e => e.Attribute(SenMLNames.BaseUnit) == null);
        written.Elements().Select(e => e.Attribute(SenMLNames.Unit)?.Value).Should().Equal("W", null);
    }

    [Test]
    public void Neither_base_value_base_sum_nor_version_is_written()
    {
        var written = ValidatedWrite.SenML([new("urn:dev:x", Start, "W", 1000, Sum: 5), new("urn:dev:x", Start.AddSeconds(1), "W", 1001, Sum: 6)]);

        written.Elements().SelectMany(e => e.Attributes()).Select(a => a.Name.LocalName).Should().NotContain(["bv", "bs", "bver"]);
    }

    [Test]
    public void The_json_writer_leaves_non_ascii_readable()
    {
        Encoding.UTF8.GetString(SenMLJsonCodec.Write([new("urn:dev:x", Start, StringValue: "Température + 2")]))
            .Should().Contain("\"vs\":\"Température + 2\"");
    }

    [Test]
    public void The_json_writer_writes_into_a_caller_writer()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("senml");
            SenMLJsonCodec.Write(writer, [new("urn:dev:x", Start, "W", 1)]);
            writer.WriteEndObject();
        }

        Encoding.UTF8.GetString(buffer.WrittenSpan).Should().Be("""{"senml":[{"bn":"urn:dev:x","bt":1704067200,"bu":"W","v":1}]}""");
    }

    [Test]
    public void A_refused_pack_writes_nothing_into_the_caller_writer()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            FluentActions.Invoking(() => SenMLJsonCodec.Write(writer, [new("urn:dev:x", Start, "W", 1), new("urn:dev:x", Start, "Wr", 2)]))
                .Should().Throw<ArgumentException>();
        }

        buffer.WrittenCount.Should().Be(0);
    }

    [TestCaseSource(nameof(Unwritable))]
    public void Records_SenML_cannot_carry_are_refused_naming_the_record(SenMLRecord bad, string problem)
    {
        var records = new[] { new SenMLRecord("urn:dev:ok", Start, "W", 1), bad };

        FluentActions.Invoking(() => SenMLXmlCodec.Write(records)).Should().Throw<ArgumentException>()
            .WithMessage($"SenML record 1 cannot be written: *{problem}*");
        FluentActions.Invoking(() => SenMLJsonCodec.Write(records)).Should().Throw<ArgumentException>()
            .WithMessage($"SenML record 1 cannot be written: *{problem}*");
    }

    [Test]
    public void An_empty_pack_is_refused()
    {
        FluentActions.Invoking(() => SenMLXmlCodec.Write([])).Should().Throw<ArgumentException>().WithMessage("*at least one record*");
        FluentActions.Invoking(() => SenMLJsonCodec.Write([])).Should().Throw<ArgumentException>().WithMessage("*at least one record*");
    }

    private static IEnumerable<TestCaseData> Unwritable()
    {
        yield return Case(new SenMLRecord("urn:dev:x", Start, "Wr", 1), "'Wr' is not a registered SenML unit");
        yield return Case(new SenMLRecord("urn:dev:x", Start, "w", 1), "'w' is not a registered SenML unit");
        yield return Case(new SenMLRecord("urn dev x", Start, "W", 1), "RFC 8428 §4.5.1");
        yield return Case(new SenMLRecord("", Start, "W", 1), "RFC 8428 §4.5.1");
        yield return Case(new SenMLRecord("urn:dev:x", Start, "W", 1, StringValue: "one"), "more than one");
        yield return Case(new SenMLRecord("urn:dev:x", Start, "W"), "no value and no sum");
        yield return Case(new SenMLRecord("urn:dev:x", Start, "W", double.NaN), "NaN or infinite");
        yield return Case(new SenMLRecord("urn:dev:x", Start, "W", 1, Sum: double.PositiveInfinity), "NaN or infinite");
        yield return Case(new SenMLRecord("urn:dev:x", Start, DataValue: "aGk="), "base64url");
        yield return Case(new SenMLRecord("urn:dev:x", new DateTimeOffset(1970, 1, 2, 0, 0, 0, TimeSpan.Zero), "W", 1), "relative to now");
        yield return Case(null!, "null");

        static TestCaseData Case(SenMLRecord record, string problem) => new TestCaseData(record, problem).SetArgDisplayNames(problem);
    }
}
