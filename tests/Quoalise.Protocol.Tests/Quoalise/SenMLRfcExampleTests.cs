using System.Text;
using Quoalise.Protocol.Quoalise;
using Quoalise.Protocol.Xml;
using Quoalise.Testing.Xml;

namespace Quoalise.Protocol.Tests.Quoalise;

/// <summary>The examples of RFC 8428 §5.1 and §7, read and resolved per §4.6.</summary>
public class SenMLRfcExampleTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FixedTimeProvider Clock = new(Now);

    [Test]
    public void Single_data_point_taken_now()
    {
        var records = ReadJson("""[{"n":"urn:dev:ow:10e2073a01080063","u":"Cel","v":23.1}]""");

        records.Should().Equal(new SenMLRecord("urn:dev:ow:10e2073a01080063", Now, "Cel", 23.1));
    }

    [Test]
    public void Multiple_data_points_now_concatenate_base_name_and_name()
    {
        var records = ReadJson("""
            [
              {"bn":"urn:dev:ow:10e2073a01080063:","n":"voltage","u":"V","v":120.1},
              {"n":"current","u":"A","v":1.2}
            ]
            """);

        records.Should().Equal(
            new SenMLRecord("urn:dev:ow:10e2073a01080063:voltage", Now, "V", 120.1),
            new SenMLRecord("urn:dev:ow:10e2073a01080063:current", Now, "A", 1.2));
    }

    [Test]
    public void Multiple_data_points_over_time_add_base_time_and_let_u_override_bu()
    {
        var records = ReadJson(MultipleDataPointsJson);

        records.Should().Equal(MultipleDataPointsResolved);
    }

    [Test]
    public void The_section_7_XML_example_resolves_like_its_JSON_twin()
    {
        var records = SenMLXmlCodec.Read(
            SafeXml.Parse("""
                <sensml xmlns="urn:ietf:params:xml:ns:senml">
                  <senml bn="urn:dev:ow:10e2073a0108006:" bt="1.276020076001e+09"
                  bu="A" bver="5" n="voltage" u="V" v="120.1"></senml>
                  <senml n="current" t="-5" v="1.2"></senml>
                  <senml n="current" t="-4" v="1.3"></senml>
                  <senml n="current" t="-3" v="1.4"></senml>
                  <senml n="current" t="-2" v="1.5"></senml>
                  <senml n="current" t="-1" v="1.6"></senml>
                  <senml n="current" v="1.7"></senml>
                </sensml>
                """),
            Clock);

        records.Should().Equal(MultipleDataPointsResolved);
    }

    [Test]
    public void A_SensML_stream_carries_base_name_time_and_unit_forward()
    {
        var records = ReadJson("""
            [
              {"bn":"urn:dev:ow:10e2073a01080063","bt":1.320067464e+09,"bu":"%RH","v":21.2},
              {"t":10,"v":21.3},
              {"t":20,"v":21.4}
            ]
            """);

        var start = DateTimeOffset.FromUnixTimeSeconds(1320067464);
        records.Should().Equal(
            new SenMLRecord("urn:dev:ow:10e2073a01080063", start, "%RH", 21.2),
            new SenMLRecord("urn:dev:ow:10e2073a01080063", start.AddSeconds(10), "%RH", 21.3),
            new SenMLRecord("urn:dev:ow:10e2073a01080063", start.AddSeconds(20), "%RH", 21.4));
    }

    [Test]
    public void Multiple_measurements_resolve_to_the_resolved_data_of_section_5_1_4()
    {
        var compact = ReadJson("""
            [
              {"bn":"urn:dev:ow:10e2073a01080063","bt":1.320067464e+09,"bu":"%RH","v":20},
              {"u":"lon","v":24.30621},
              {"u":"lat","v":60.07965},
              {"t":60,"v":20.3},
              {"u":"lon","t":60,"v":24.30622},
              {"u":"lat","t":60,"v":60.07965},
              {"t":120,"v":20.7},
              {"u":"lon","t":120,"v":24.30623},
              {"u":"lat","t":120,"v":60.07966},
              {"u":"%EL","t":150,"v":98},
              {"t":180,"v":21.2},
              {"u":"lon","t":180,"v":24.30628},
              {"u":"lat","t":180,"v":60.07967}
            ]
            """);
        var resolved = ReadJson("""
            [
              {"n":"urn:dev:ow:10e2073a01080063","u":"%RH","t":1.320067464e+09,"v":20},
              {"n":"urn:dev:ow:10e2073a01080063","u":"lon","t":1.320067464e+09,"v":24.30621},
              {"n":"urn:dev:ow:10e2073a01080063","u":"lat","t":1.320067464e+09,"v":60.07965},
              {"n":"urn:dev:ow:10e2073a01080063","u":"%RH","t":1.320067524e+09,"v":20.3},
              {"n":"urn:dev:ow:10e2073a01080063","u":"lon","t":1.320067524e+09,"v":24.30622},
              {"n":"urn:dev:ow:10e2073a01080063","u":"lat","t":1.320067524e+09,"v":60.07965},
              {"n":"urn:dev:ow:10e2073a01080063","u":"%RH","t":1.320067584e+09,"v":20.7},
              {"n":"urn:dev:ow:10e2073a01080063","u":"lon","t":1.320067584e+09,"v":24.30623},
              {"n":"urn:dev:ow:10e2073a01080063","u":"lat","t":1.320067584e+09,"v":60.07966},
              {"n":"urn:dev:ow:10e2073a01080063","u":"%EL","t":1.320067614e+09,"v":98},
              {"n":"urn:dev:ow:10e2073a01080063","u":"%RH","t":1.320067644e+09,"v":21.2},
              {"n":"urn:dev:ow:10e2073a01080063","u":"lon","t":1.320067644e+09,"v":24.30628},
              {"n":"urn:dev:ow:10e2073a01080063","u":"lat","t":1.320067644e+09,"v":60.07967}
            ]
            """);

        compact.Should().HaveCount(13).And.Equal(resolved);
        compact[9].Should().Be(new SenMLRecord("urn:dev:ow:10e2073a01080063", DateTimeOffset.FromUnixTimeSeconds(1320067614), "%EL", 98));
    }

    [Test]
    public void Multiple_data_types_carry_string_boolean_and_data_values()
    {
        var records = ReadJson("""
            [
              {"bn":"urn:dev:ow:10e2073a01080063:","n":"temp","u":"Cel","v":23.1},
              {"n":"label","vs":"Machine Room"},
              {"n":"open","vb":false},
              {"n":"nfv-reader","vd":"aGkgCg"}
            ]
            """);

        records.Should().Equal(
            new SenMLRecord("urn:dev:ow:10e2073a01080063:temp", Now, "Cel", 23.1),
            new SenMLRecord("urn:dev:ow:10e2073a01080063:label", Now, StringValue: "Machine Room"),
            new SenMLRecord("urn:dev:ow:10e2073a01080063:open", Now, BooleanValue: false),
            new SenMLRecord("urn:dev:ow:10e2073a01080063:nfv-reader", Now, DataValue: "aGkgCg"));
    }

    [Test]
    public void A_collection_of_resources_changes_base_name_but_keeps_base_time()
    {
        var records = ReadJson("""
            [
              {"bn":"2001:db8::2/","bt":1.320078429e+09,"n":"temperature","u":"Cel","v":25.2},
              {"n":"humidity","u":"%RH","v":30},
              {"bn":"2001:db8::1/","n":"temperature","u":"Cel","v":12.3},
              {"n":"humidity","u":"%RH","v":67}
            ]
            """);

        var at = DateTimeOffset.FromUnixTimeSeconds(1320078429);
        records.Should().Equal(
            new SenMLRecord("2001:db8::2/temperature", at, "Cel", 25.2),
            new SenMLRecord("2001:db8::2/humidity", at, "%RH", 30),
            new SenMLRecord("2001:db8::1/temperature", at, "Cel", 12.3),
            new SenMLRecord("2001:db8::1/humidity", at, "%RH", 67));
    }

    [Test]
    public void The_actuator_example_is_rejected_because_its_first_record_has_no_value()
    {
        // RFC 8428 §5.1.7 opens with {"bn":…} alone, which §4.2 does not allow: exactly one value or a sum.
        var read = () => ReadJson("""[{"bn":"urn:dev:ow:10e2073a01080063:"},{"n":"temp","u":"Cel","v":23.1}]""");

        read.Should().Throw<SenMLFormatException>().Where(e => e.RecordIndex == 0 && e.Field == null);
    }

    private const string MultipleDataPointsJson = """
        [
          {"bn":"urn:dev:ow:10e2073a0108006:","bt":1.276020076001e+09,
           "bu":"A","bver":5,
           "n":"voltage","u":"V","v":120.1},
          {"n":"current","t":-5,"v":1.2},
          {"n":"current","t":-4,"v":1.3},
          {"n":"current","t":-3,"v":1.4},
          {"n":"current","t":-2,"v":1.5},
          {"n":"current","t":-1,"v":1.6},
          {"n":"current","v":1.7}
        ]
        """;

    private static readonly DateTimeOffset MultipleDataPointsTime = DateTimeOffset.FromUnixTimeMilliseconds(1_276_020_076_001);

    private static readonly SenMLRecord[] MultipleDataPointsResolved =
    [
        new("urn:dev:ow:10e2073a0108006:voltage", MultipleDataPointsTime, "V", 120.1),
        new("urn:dev:ow:10e2073a0108006:current", MultipleDataPointsTime.AddSeconds(-5), "A", 1.2),
        new("urn:dev:ow:10e2073a0108006:current", MultipleDataPointsTime.AddSeconds(-4), "A", 1.3),
        new("urn:dev:ow:10e2073a0108006:current", MultipleDataPointsTime.AddSeconds(-3), "A", 1.4),
        new("urn:dev:ow:10e2073a0108006:current", MultipleDataPointsTime.AddSeconds(-2), "A", 1.5),
        new("urn:dev:ow:10e2073a0108006:current", MultipleDataPointsTime.AddSeconds(-1), "A", 1.6),
        new("urn:dev:ow:10e2073a0108006:current", MultipleDataPointsTime, "A", 1.7),
    ];

    private static IReadOnlyList<SenMLRecord> ReadJson(string json) => SenMLJsonCodec.Read(Encoding.UTF8.GetBytes(json), Clock);
}
