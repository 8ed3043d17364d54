using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.IntegrationTests.Storage;

[TestFixture(SqlEngine.Sqlite)]
[TestFixture(SqlEngine.MySql)]
[TestFixture(SqlEngine.Postgres)]
public sealed class SeriesCatalogStoreTests(SqlEngine engine) : StorageFixture(engine)
{
    private static readonly QuoaliseMeta Meta = new(
        new DeviceMeta("electricity-meter", [new DeviceIdentifier("enedis", "prm", "30000000000001")]),
        new MeasurementMeta("active-power", "consumption", "power", "electrical", "W", "mean", "PT30M"));

    private ISeriesCatalog Catalog => Get<ISeriesCatalog>();

    [Test]
    public async Task A_registered_series_is_found_with_its_owner_meta_and_description()
    {
        var series = new SeriesDefinition(UniqueSeries(), "mqtt", Meta, "Greenhouse 1, bed 2: soil humidity");

        await Catalog.RegisterAsync([series], CancellationToken.None);

        (await Catalog.FindAsync(series.Identifier, CancellationToken.None)).Should().BeEquivalentTo(series);
    }

    [Test]
    public async Task Registering_again_replaces_owner_meta_and_description()
    {
        var identifier = UniqueSeries();
        await Catalog.RegisterAsync([new SeriesDefinition(identifier, "mqtt", Meta, "old")], CancellationToken.None);
        var replacement = new SeriesDefinition(identifier, "ocpp", QuoaliseMeta.Empty);

        await Catalog.RegisterAsync([replacement], CancellationToken.None);

        (await Catalog.FindAsync(identifier, CancellationToken.None)).Should().BeEquivalentTo(replacement);
    }

    [Test]
    public async Task Listing_by_adapter_returns_only_its_series_ordered_by_identifier()
    {
        var adapter = "a" + Guid.NewGuid().ToString("N")[..12];
        var b = new SeriesDefinition(UniqueSeries(":b"), adapter, Meta);
        var a = new SeriesDefinition(b.Identifier[..^2] + ":a", adapter, QuoaliseMeta.Empty);
        await Catalog.RegisterAsync([b], CancellationToken.None);
        await Catalog.RegisterAsync([a], CancellationToken.None);
        await Catalog.RegisterAsync([new SeriesDefinition(UniqueSeries(), "other", Meta)], CancellationToken.None);

        var listed = await Catalog.ListAsync(adapter, CancellationToken.None);

        listed.Should().BeEquivalentTo([a, b], o => o.WithStrictOrdering());
        (await Catalog.ListAsync(null, CancellationToken.None)).Should().Contain(s => s.Identifier == a.Identifier)
            .And.BeInAscendingOrder(s => s.Identifier, StringComparer.Ordinal);
    }

    [Test]
    public async Task Hundreds_of_series_registered_in_one_call_are_all_listed()
    {
        var adapter = "a" + Guid.NewGuid().ToString("N")[..12];
        var prefix = UniqueSeries();
        var series = Enumerable.Range(0, 500).Select(i => new SeriesDefinition($"{prefix}:{i:D4}", adapter, Meta, $"series {i}")).ToList();

        await Catalog.RegisterAsync(series, CancellationToken.None);

        (await Catalog.ListAsync(adapter, CancellationToken.None)).Should().BeEquivalentTo(series, o => o.WithStrictOrdering());
    }

    [Test]
    public async Task A_call_with_one_invalid_series_registers_none_of_them()
    {
        var adapter = "a" + Guid.NewGuid().ToString("N")[..12];
        var register = () => Catalog.RegisterAsync(
            [new SeriesDefinition(UniqueSeries(), adapter, Meta), new SeriesDefinition(new string('x', SeriesDefinition.MaxIdentifierLength + 1), adapter, Meta)],
            CancellationToken.None);

        await register.Should().ThrowAsync<ArgumentException>().WithMessage("*at most 255 characters*");
        (await Catalog.ListAsync(adapter, CancellationToken.None)).Should().BeEmpty();
    }

    [Test]
    public async Task An_unknown_series_is_not_found()
    {
        (await Catalog.FindAsync(UniqueSeries(), CancellationToken.None)).Should().BeNull();
    }
}
