using Quoalise.Protocol.Quoalise;

namespace Quoalise.Protocol.Tests.Quoalise;

public class SenMLUnitsTests
{
    [TestCase("%RH")]
    [TestCase("Cel")]
    [TestCase("W")]
    [TestCase("Wh")]
    [TestCase("kWh")]
    [TestCase("var")]
    [TestCase("varh")]
    [TestCase("VA")]
    [TestCase("V")]
    [TestCase("A")]
    [TestCase("Hz")]
    [TestCase("%EL")]
    [TestCase("/")]
    [TestCase("%")]
    [TestCase("lx")]
    [TestCase("Pa")]
    [TestCase("m")]
    [TestCase("s")]
    [TestCase("J")]
    [TestCase("kg")]
    [TestCase("S/m")]
    [TestCase("deg")]
    [TestCase("km/h")]
    public void Units_of_RFC_8428_and_RFC_8798_are_registered(string symbol) => SenMLUnits.IsRegistered(symbol).Should().BeTrue();

    [TestCase("Wr")]
    [TestCase("w")]
    [TestCase("KWH")]
    [TestCase("°C")]
    [TestCase("")]
    [TestCase(null)]
    public void Other_symbols_are_not(string? symbol) => SenMLUnits.IsRegistered(symbol).Should().BeFalse();

    [Test]
    public void The_registries_have_their_published_sizes_and_no_duplicate()
    {
        // RFC 8428 Table 6: 58 symbols; RFC 8798: 8 more primary units and 33 secondary ones.
        SenMLUnits.All.Count(u => u.Kind == SenMLUnitKind.Primary && u.Reference == "RFC 8428").Should().Be(58);
        SenMLUnits.All.Count(u => u.Kind == SenMLUnitKind.Primary && u.Reference == "RFC 8798").Should().Be(8);
        SenMLUnits.All.Count(u => u.Kind == SenMLUnitKind.Secondary).Should().Be(33);
        SenMLUnits.All.Select(u => u.Symbol).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void Secondary_units_convert_to_a_registered_primary_unit()
    {
        var primaries = SenMLUnits.All.Where(u => u.Kind == SenMLUnitKind.Primary).Select(u => u.Symbol).ToHashSet();
        SenMLUnits.All.Where(u => u.Kind == SenMLUnitKind.Secondary).Select(u => u.PrimaryUnit).Should().OnlyContain(p => primaries.Contains(p!));

        SenMLUnits.TryGet("kWh", out var kwh).Should().BeTrue();
        kwh!.Should().Be(new SenMLUnit("kWh", "kilowatt-hour", SenMLUnitKind.Secondary, false, "RFC 8798", "J", 3_600_000));
        SenMLUnits.TryGet("dBm", out var dbm).Should().BeTrue();
        (dbm!.Scale, dbm.Offset).Should().Be((1.0, -30.0));
    }

    [Test]
    public void Asterisked_units_are_marked_not_recommended()
    {
        SenMLUnits.All.Where(u => u.NotRecommended).Select(u => u.Symbol)
            .Should().BeEquivalentTo("g", "l", "l/s", "Bspl", "%", "1/min", "beat/min", "beats", "deg");
    }
}
