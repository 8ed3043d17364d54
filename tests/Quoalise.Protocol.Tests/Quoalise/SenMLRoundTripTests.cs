using System.Text;
using Quoalise.Protocol.Quoalise;
using Quoalise.Protocol.Xml;
using Quoalise.Testing.Xml;

namespace Quoalise.Protocol.Tests.Quoalise;

/// <summary>Write then read gives back exactly the records written, in both representations.</summary>
[TestFixture(SenMLCodec.Xml)]
[TestFixture(SenMLCodec.Json)]
public class SenMLRoundTripTests(SenMLCodec codec)
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Far from "now", so that a relative time slipping through would show.
    private static readonly FixedTimeProvider Clock = new(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Test]
    public void A_year_of_half_hourly_points_round_trips()
    {
        var records = Enumerable.Range(0, 17_520)
            .Select(i => new SenMLRecord("urn:dev:prm:30001610071843_consumption/power/active/raw", Start.AddMinutes(30 * i), "W", (i * 37 % 9000) / 10.0))
            .ToList();

        RoundTrip(records).Should().Equal(records);
    }

    [Test]
    public void Microsecond_and_tick_times_round_trip_exactly()
    {
        var records = new[]
        {
            Record(Start.AddTicks(1_234_560)),
            Record(Start.AddTicks(1_234_567)),
            Record(Start.AddTicks(-1)),
            Record(new DateTimeOffset(2106, 2, 7, 6, 28, 15, 999, TimeSpan.Zero).AddTicks(9999)),
            Record(new DateTimeOffset(1978, 7, 4, 21, 24, 16, TimeSpan.Zero)),
            Record(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999)),
        };

        RoundTrip(records).Should().Equal(records);
    }

    [TestCase(342.0)]
    [TestCase(0.1)]
    [TestCase(-273.15)]
    [TestCase(-0.0)]
    [TestCase(1e20)]
    [TestCase(-1.2345678901234567e-300)]
    [TestCase(double.MaxValue)]
    [TestCase(double.MinValue)]
    [TestCase(double.Epsilon)]
    [TestCase(1.0 / 3)]
    [TestCase(9007199254740993.0)]
    public void Numbers_round_trip_exactly(double value)
    {
        var records = new[]
        {
            new SenMLRecord("urn:dev:x", Start, "W", value, Sum: value, UpdateTime: value),
        };

        var read = RoundTrip(records).Single();

        read.Should().Be(records[0]);
        BitConverter.DoubleToInt64Bits(read.Value!.Value).Should().Be(BitConverter.DoubleToInt64Bits(value), "even the sign of zero survives");
    }

    [Test]
    public void Every_value_kind_round_trips()
    {
        var records = new[]
        {
            new SenMLRecord("urn:dev:ow:10e2073a01080063:temp", Start, "Cel", 23.1),
            new SenMLRecord("urn:dev:ow:10e2073a01080063:label", Start, StringValue: "Salle des machines <n°2> & \"co\""),
            new SenMLRecord("urn:dev:ow:10e2073a01080063:open", Start, BooleanValue: false),
            new SenMLRecord("urn:dev:ow:10e2073a01080063:nfv-reader", Start.AddSeconds(1), DataValue: "aGkgCg"),
            new SenMLRecord("urn:dev:ow:10e2073a01080063:meter", Start.AddSeconds(2), "W", 1500, Sum: 3.6e6, UpdateTime: 60),
            new SenMLRecord("urn:dev:ow:10e2073a01080063:energy", Start.AddSeconds(3), "J", Sum: 12),
            new SenMLRecord("urn:dev:ow:10e2073a01080063:empty", Start.AddSeconds(4), StringValue: string.Empty),
        };

        RoundTrip(records).Should().Equal(records);
    }

    [Test]
    public void Mixed_names_units_and_out_of_order_times_round_trip()
    {
        var records = new[]
        {
            new SenMLRecord("urn:dev:prm:30001642617347_consumption/energy/index", Start, "Wh", 1227032000),
            new SenMLRecord("urn:dev:prm:30001642617347_consumption/energy/index/distributor/hce", Start, "Wh", 847000),
            new SenMLRecord("urn:dev:prm:30001642617347_consumption/power/apparent/max", Start.AddHours(-1), "VA", 6120),
            new SenMLRecord("urn:dev:prm:30001642617347_consumption/power/apparent/max", Start.AddHours(-2), null, 6000),
            new SenMLRecord("2001:db8::1/temperature", Start.AddSeconds(0.5), "Cel", 12.3),
        };

        RoundTrip(records).Should().Equal(records);
    }

    [Test]
    public void Times_carry_no_offset_but_the_same_instant()
    {
        var paris = new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.FromHours(1));

        var read = RoundTrip([new SenMLRecord("urn:dev:x", paris, "W", 1)]).Single();

        read.Time.Should().Be(paris);
        read.Time.Offset.Should().Be(TimeSpan.Zero);
    }

    private IReadOnlyList<SenMLRecord> RoundTrip(IReadOnlyList<SenMLRecord> records) => codec switch
    {
        SenMLCodec.Xml => SenMLXmlCodec.Read(SafeXml.Parse(ValidatedWrite.SenML(records).ToString()), Clock),
        _ => SenMLJsonCodec.Read(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(SenMLJsonCodec.Write(records))), Clock),
    };

    private static SenMLRecord Record(DateTimeOffset time) => new("urn:dev:x", time, "W", 1);
}
