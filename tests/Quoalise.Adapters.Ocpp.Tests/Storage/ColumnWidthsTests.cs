using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Tests.Storage;

public class ColumnWidthsTests
{
    [Test]
    public void A_value_that_fits_is_stored_as_it_is_without_a_problem()
    {
        var problems = new List<string>();

        ColumnWidths.Fit("Outlet", ColumnWidths.Location, "location", problems).Should().Be("Outlet");
        problems.Should().BeEmpty();
    }

    [Test]
    public void A_longer_value_is_cut_to_its_column_and_the_cut_recorded()
    {
        var problems = new List<string>();

        ColumnWidths.Fit("Somewhere.Else", ColumnWidths.Location, "location", problems).Should().Be("Somewher");
        problems.Should().Equal("location 'Somewher…' is longer than 8 characters; stored cut to 8.");
    }

    [Test]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var problems = new List<string>();

        ColumnWidths.Fit("1234567\U0001F50C", 8, "unit", problems).Should().Be("1234567");
    }

    [Test]
    public void Nul_characters_are_replaced_before_the_value_is_cut()
    {
        var problems = new List<string>();

        ColumnWidths.Fit("A\0B", ColumnWidths.IdTag, "idTag", problems).Should().Be("A\uFFFDB");
        problems.Should().Equal("idTag holds NUL characters; stored with U+FFFD in their place.");
    }
}
