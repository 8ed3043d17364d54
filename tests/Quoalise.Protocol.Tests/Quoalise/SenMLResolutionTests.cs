using System.Text;
using Quoalise.Protocol.Quoalise;
using Quoalise.Protocol.Xml;
using Quoalise.Testing.Xml;

namespace Quoalise.Protocol.Tests.Quoalise;

/// <summary>RFC 8428 §4.1–4.6 base fields and relative time, through both readers.</summary>
public class SenMLResolutionTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FixedTimeProvider Clock = new(Now);
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Test]
    public void Unit_overrides_base_unit_instead_of_being_appended_to_it()
    {
        var records = ReadXml("""
            <sensml xmlns="urn:ietf:params:xml:ns:senml">
              <senml bn="urn:dev:x" bt="1700000000" bu="W" v="1"/>
              <senml u="Wh" v="2"/>
              <senml v="3"/>
            </sensml>
            """);

        records.Select(r => r.Unit).Should().Equal("W", "Wh", "W");
    }

    [Test]
    public void Base_fields_carry_forward_until_a_later_record_changes_them()
    {
        var records = ReadJson("""
            [
              {"bn":"urn:dev:a:","bt":1700000000,"bu":"W","n":"p","v":1},
              {"n":"q","t":60,"v":2},
              {"bn":"urn:dev:b:","bt":1700003600,"bu":"V","n":"p","v":3},
              {"n":"q","t":1.5,"v":4}
            ]
            """);

        records.Should().Equal(
            new SenMLRecord("urn:dev:a:p", At, "W", 1),
            new SenMLRecord("urn:dev:a:q", At.AddSeconds(60), "W", 2),
            new SenMLRecord("urn:dev:b:p", At.AddHours(1), "V", 3),
            new SenMLRecord("urn:dev:b:q", At.AddHours(1).AddSeconds(1.5), "V", 4));
    }

    [Test]
    public void Base_value_and_base_sum_add_to_value_and_sum()
    {
        var records = ReadJson("""
            [
              {"bn":"urn:dev:m","bt":1700000000,"bv":1000,"bs":50000,"v":1.5,"s":10},
              {"v":-2},
              {"s":20}
            ]
            """);

        records.Select(r => (r.Value, r.Sum)).Should().Equal((1001.5, 50010.0), (998.0, 50000.0), (1000.0, 50020.0));
    }

    [Test]
    public void A_base_value_does_not_give_a_numeric_value_to_a_string_record()
    {
        var records = ReadJson("""[{"bn":"urn:dev:m","bt":1700000000,"bv":5,"v":1},{"vs":"on"}]""");

        records[1].Should().Be(new SenMLRecord("urn:dev:m", At, StringValue: "on"));
    }

    [Test]
    public void A_record_with_only_a_sum_is_valid()
    {
        var records = ReadJson("""[{"n":"urn:dev:meter","bt":1700000000,"u":"W","s":3600}]""");

        records.Should().Equal(new SenMLRecord("urn:dev:meter", At, "W", Sum: 3600));
    }

    [Test]
    public void Update_time_is_kept()
    {
        ReadJson("""[{"n":"urn:dev:x","bt":1700000000,"v":1,"ut":300}]""")[0].UpdateTime.Should().Be(300);
    }

    [Test]
    public void A_record_without_time_was_taken_now()
    {
        ReadJson("""[{"n":"urn:dev:x","v":1}]""")[0].Time.Should().Be(Now);
    }

    [Test]
    public void Negative_relative_times_are_seconds_before_now()
    {
        ReadXml("""<sensml xmlns="urn:ietf:params:xml:ns:senml"><senml n="urn:dev:x" t="-90.5" v="1"/></sensml>""")[0]
            .Time.Should().Be(Now.AddSeconds(-90.5));
    }

    [Test]
    public void A_base_time_below_two_to_the_28_stays_relative_after_adding_t()
    {
        ReadJson("""[{"n":"urn:dev:x","bt":1000,"t":5,"v":1}]""")[0].Time.Should().Be(Now.AddSeconds(1005));
    }

    [Test]
    public void Two_to_the_28_is_the_first_absolute_time()
    {
        var records = ReadJson("""[{"bn":"urn:dev:x","bt":268435456,"v":1},{"t":-1,"v":2}]""");

        records[0].Time.Should().Be(new DateTimeOffset(1978, 7, 4, 21, 24, 16, TimeSpan.Zero));
        records[1].Time.Should().Be(Now.AddSeconds(268435455), "one second less is relative to now");
    }

    [Test]
    public void Now_is_read_from_the_injected_time_provider()
    {
        var later = new FixedTimeProvider(Now.AddDays(1));

        SenMLJsonCodec.Read("""[{"n":"urn:dev:x","v":1}]"""u8, later)[0].Time.Should().Be(Now.AddDays(1));
    }

    [Test]
    public void Versions_up_to_ten_are_accepted()
    {
        ReadJson("""[{"bver":10,"n":"urn:dev:x","v":1},{"bver":10,"n":"urn:dev:y","v":2}]""").Should().HaveCount(2);
    }

    [Test]
    public void Unknown_fields_are_ignored()
    {
        ReadJson("""[{"n":"urn:dev:x","v":1,"foo":{"nested":[1,2]},"l":"x"}]""").Should().ContainSingle();
        ReadXml("""<sensml xmlns="urn:ietf:params:xml:ns:senml" xmlns:x="urn:x"><senml n="urn:dev:x" v="1" foo="bar" x:v="oops"/></sensml>""")
            .Should().ContainSingle().Which.Value.Should().Be(1);
    }

    [Test]
    public void Escaped_labels_are_the_same_labels()
    {
        ReadJson("""[{"\u006e":"urn:dev:x","b\u0074":1700000000,"\u0076":2}]""").Should().Equal(new SenMLRecord("urn:dev:x", At, Value: 2));
    }

    [Test]
    public void Python_float_forms_and_the_t_zero_of_data_connect_proxy_are_read()
    {
        var records = ReadXml("""
            <sensml xmlns="urn:ietf:params:xml:ns:senml">
              <senml bn="urn:dev:prm:30001610071843_consumption/power/active/raw" bt="1612134000.0" t="0" bu="W" v="342.0"/>
              <senml t="600.0" v="338.0"/>
            </sensml>
            """);

        records.Should().Equal(
            new SenMLRecord("urn:dev:prm:30001610071843_consumption/power/active/raw", DateTimeOffset.FromUnixTimeSeconds(1612134000), "W", 342),
            new SenMLRecord("urn:dev:prm:30001610071843_consumption/power/active/raw", DateTimeOffset.FromUnixTimeSeconds(1612134600), "W", 338));
    }

    [Test]
    public void Unregistered_units_from_the_federation_are_accepted_when_reading()
    {
        ReadJson("""[{"n":"urn:dev:x","bt":1700000000,"u":"Wr","v":12}]""")[0].Unit.Should().Be("Wr");
    }

    [Test]
    public void Empty_packs_read_as_no_records()
    {
        ReadJson("[]").Should().BeEmpty();
        ReadXml("""<sensml xmlns="urn:ietf:params:xml:ns:senml"/>""").Should().BeEmpty();
    }

    [Test]
    public void Records_keep_their_order_even_when_not_chronological()
    {
        ReadJson("""[{"bn":"urn:dev:x","bt":1700000000,"v":1},{"t":-60,"v":2}]""")
            .Select(r => r.Value).Should().Equal(1.0, 2.0);
    }

    [TestCase("1.276020076001e+09", 1_276_020_076_001_0000L)]
    [TestCase("1276020076.0010001", 1_276_020_076_001_0001L)]
    [TestCase("1276020076.00100005", 1_276_020_076_001_0001L)]
    [TestCase("1276020076.00100004", 1_276_020_076_001_0000L)]
    [TestCase("12760200760010000e-7", 1_276_020_076_001_0000L)]
    [TestCase("+1276020076", 1_276_020_076_000_0000L)]
    [TestCase("1276020076.0010000000000000000000000000000001", 1_276_020_076_001_0000L)]
    public void Times_are_read_exactly_to_the_tenth_of_a_microsecond(string seconds, long ticksSinceEpoch)
    {
        var expected = new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + ticksSinceEpoch, TimeSpan.Zero);

        ReadXml($"""<sensml xmlns="urn:ietf:params:xml:ns:senml"><senml n="urn:dev:x" bt="{seconds}" v="1"/></sensml>""")[0].Time.Should().Be(expected);
        ReadJson($$"""[{"n":"urn:dev:x","bt":{{seconds.TrimStart('+')}},"v":1}]""")[0].Time.Should().Be(expected);
    }

    private static IReadOnlyList<SenMLRecord> ReadJson(string json) => SenMLJsonCodec.Read(Encoding.UTF8.GetBytes(json), Clock);

    private static IReadOnlyList<SenMLRecord> ReadXml(string xml) => SenMLXmlCodec.Read(SafeXml.Parse(xml), Clock);
}
