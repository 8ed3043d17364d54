using System.Text;
using FluentAssertions.Specialized;
using Quoalise.Protocol.Quoalise;
using Quoalise.Protocol.Xml;
using Quoalise.Testing.Xml;

namespace Quoalise.Protocol.Tests.Quoalise;

/// <summary>Invalid packs raise one exception type that names the record and the field.</summary>
public class SenMLFormatErrorTests
{
    private static readonly FixedTimeProvider Clock = new(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Test]
    public void A_malformed_number_names_record_field_and_value()
    {
        var error = ReadingXml("""
            <sensml xmlns="urn:ietf:params:xml:ns:senml">
              <senml bn="urn:dev:x" bt="1700000000" v="1"/>
              <senml t="60" v="12,5"/>
            </sensml>
            """).Which;

        (error.RecordIndex, error.Field).Should().Be((1, "v"));
        error.Message.Should().Be("SenML record 1, field 'v': '12,5' is not a finite number");
    }

    [TestCase("""{"n":"urn:dev:x","v":"12"}""", "v", "must be a number, not String")]
    [TestCase("""{"n":"urn:dev:x","v":null}""", "v", "must be a number, not Null")]
    [TestCase("""{"n":5,"v":1}""", "n", "must be a string, not Number")]
    [TestCase("""{"n":"urn:dev:x","vb":"true"}""", "vb", "must be true or false, not String")]
    [TestCase("""{"n":"urn:dev:x","bver":5.5,"v":1}""", "bver", "'5.5' is not an integer")]
    [TestCase("""{"n":"urn:dev:x","v":1e400}""", "v", "'1e400' is not a finite number")]
    [TestCase("""{"n":"urn:dev:x","t":1e20,"v":1}""", "t", "'1e20' seconds is beyond year 9999")]
    [TestCase("""{"n":"urn:dev:x","vd":"aGk+Cg"}""", "vd", "is not unpadded base64url")]
    [TestCase("""{"n":"urn:dev:x","v":1,"v":2}""", "v", "the field appears twice")]
    public void Json_field_errors_name_the_record_and_the_field(string record, string field, string problem)
    {
        var error = ReadingJson($$"""[{"n":"urn:dev:ok","v":0},{{record}}]""").Which;

        (error.RecordIndex, error.Field).Should().Be((1, field));
        error.Message.Should().StartWith($"SenML record 1, field '{field}': ").And.Contain(problem);
    }

    [TestCase("""bt="tomorrow" """, "bt")]
    [TestCase("""bv="" """, "bv")]
    [TestCase("""vb="yes" """, "vb")]
    [TestCase("""bver="ten" """, "bver")]
    [TestCase("""ut="NaN" """, "ut")]
    [TestCase("""s="INF" """, "s")]
    public void Xml_field_errors_name_the_record_and_the_field(string attribute, string field)
    {
        var error = ReadingXml($"""<sensml xmlns="urn:ietf:params:xml:ns:senml"><senml n="urn:dev:x" v="1" {attribute}/></sensml>""").Which;

        (error.RecordIndex, error.Field).Should().Be((0, field));
    }

    [Test]
    public void A_record_with_neither_value_nor_sum_is_rejected()
    {
        var error = ReadingJson("""[{"n":"urn:dev:x","v":1},{"n":"urn:dev:y","u":"W"}]""").Which;

        (error.RecordIndex, error.Field).Should().Be((1, (string?)null));
        error.Message.Should().Contain("no value").And.Contain("no sum");
    }

    [Test]
    public void Two_value_kinds_in_one_record_are_rejected_naming_the_second()
    {
        var error = ReadingJson("""[{"n":"urn:dev:x","v":1,"vs":"one"}]""").Which;

        (error.RecordIndex, error.Field).Should().Be((0, "vs"));
        error.Message.Should().Contain("'v'");
    }

    [TestCase("""{"n":"temp erature","v":1}""", "n")]
    [TestCase("""{"n":"-temp","v":1}""", "n")]
    [TestCase("""{"n":"température","v":1}""", "n")]
    [TestCase("""{"bn":"urn:dev:x:","n":"a b","v":1}""", "n")]
    [TestCase("""{"bn":"_urn","v":1}""", "bn")]
    [TestCase("""{"v":1}""", "bn")]
    public void Names_breaking_section_4_5_1_are_rejected(string record, string field)
    {
        var error = ReadingJson($"[{record}]").Which;

        (error.RecordIndex, error.Field).Should().Be((0, field));
    }

    [Test]
    public void An_unknown_field_ending_with_underscore_must_be_understood_so_the_pack_is_rejected()
    {
        var json = ReadingJson("""[{"n":"urn:dev:x","v":1},{"n":"urn:dev:x","v":2,"rc_":"x"}]""").Which;
        var xml = ReadingXml("""<sensml xmlns="urn:ietf:params:xml:ns:senml"><senml n="urn:dev:x" v="1" rc_="x"/></sensml>""").Which;

        (json.RecordIndex, json.Field).Should().Be((1, "rc_"));
        (xml.RecordIndex, xml.Field).Should().Be((0, "rc_"));
    }

    [TestCase("""{"n":"urn:dev:x","v":1,"température_":1}""", "température_")]
    [TestCase("""{"n":"urn:dev:x","v":1,"a_much_longer_label_":1}""", "a_much_longer_label_")]
    [TestCase("""{"n":"urn:dev:x","v":1,"x\u005f":1}""", "x_")]
    public void Must_understand_labels_of_any_length_or_alphabet_are_recognised(string record, string label)
    {
        ReadingJson($"[{record}]").Which.Field.Should().Be(label);
    }

    [Test]
    public void A_version_newer_than_ten_is_refused()
    {
        var error = ReadingJson("""[{"bver":11,"n":"urn:dev:x","v":1}]""").Which;

        (error.RecordIndex, error.Field).Should().Be((0, "bver"));
        error.Message.Should().Contain("newer than the supported version 10");
    }

    [Test]
    public void Records_of_one_pack_cannot_change_version()
    {
        ReadingJson("""[{"bver":5,"n":"urn:dev:x","v":1},{"bver":10,"n":"urn:dev:x","v":1}]""")
            .Which.RecordIndex.Should().Be(1);
    }

    [Test]
    public void A_non_positive_version_is_refused()
    {
        ReadingXml("""<sensml xmlns="urn:ietf:params:xml:ns:senml"><senml bver="0" n="urn:dev:x" v="1"/></sensml>""")
            .Which.Field.Should().Be("bver");
    }

    [Test]
    public void Messages_quote_at_most_64_characters_of_input()
    {
        var huge = new string('9', 5000) + "x";

        var error = ReadingXml($"""<sensml xmlns="urn:ietf:params:xml:ns:senml"><senml n="urn:dev:x" v="{huge}"/></sensml>""").Which;

        error.Message.Should().Contain(new string('9', 64) + "…").And.NotContain(new string('9', 65));
        error.Message.Length.Should().BeLessThan(200);
    }

    [Test]
    public void A_long_name_is_quoted_shortened_too()
    {
        var name = "urn:dev:" + new string('a', 300) + " b";

        ReadingJson($$"""[{"n":"{{name}}","v":1}]""").Which.Message.Length.Should().BeLessThan(250);
    }

    [TestCase("""{"n":"urn:dev:x","v":1}""", null, "an array of records")]
    [TestCase("""[1]""", 0, "a record is a JSON object")]
    [TestCase("""[{"n":"urn:dev:x","v":1}""", 1, "not valid JSON")]
    [TestCase("""[{"n":"urn:dev:x","v":1}] []""", null, "not valid JSON")]
    [TestCase("""[{"n":"urn:dev:x","v":1,}]""", 0, "not valid JSON")]
    [TestCase("""[{"n":"urn:dev:x","v":01}]""", 0, "not valid JSON")]
    [TestCase("", null, "not valid JSON")]
    public void Json_that_is_not_a_pack_is_rejected(string json, int? index, string problem)
    {
        var error = ReadingJson(json).Which;

        error.RecordIndex.Should().Be(index);
        error.Message.Should().Contain(problem);
    }

    [Test]
    public void Xml_that_is_not_a_pack_is_rejected()
    {
        ReadingXml("""<sensml xmlns="urn:example"><senml n="urn:dev:x" v="1"/></sensml>""")
            .Which.Message.Should().Contain("not {urn:ietf:params:xml:ns:senml}sensml");
        ReadingXml("""<sensml xmlns="urn:ietf:params:xml:ns:senml"><senml n="urn:dev:x" v="1"/><record/></sensml>""")
            .Which.RecordIndex.Should().Be(1);
        ReadingXml("""<sensml xmlns="urn:ietf:params:xml:ns:senml"><senml n="urn:dev:x" v="1"/>stray</sensml>""")
            .Which.Message.Should().Contain("'stray'");
    }

    [Test]
    public void A_resolved_time_before_year_1_is_rejected()
    {
        ReadingJson("""[{"n":"urn:dev:x","t":-200000000000,"v":1}]""").Which.Field.Should().Be("t");
    }

    [Test]
    public void An_overflowing_base_value_sum_is_rejected()
    {
        ReadingJson("""[{"n":"urn:dev:x","bv":1.7e308,"v":1.7e308}]""").Which.Field.Should().Be("v");
    }

    [Test]
    public void The_exception_is_a_FormatException()
    {
        ReadingJson("[1]").Which.Should().BeAssignableTo<FormatException>();
    }

    private static ExceptionAssertions<SenMLFormatException> ReadingJson(string json) =>
        FluentActions.Invoking(() => SenMLJsonCodec.Read(Encoding.UTF8.GetBytes(json), Clock)).Should().Throw<SenMLFormatException>();

    private static ExceptionAssertions<SenMLFormatException> ReadingXml(string xml) =>
        FluentActions.Invoking(() => SenMLXmlCodec.Read(SafeXml.Parse(xml), Clock)).Should().Throw<SenMLFormatException>();
}
