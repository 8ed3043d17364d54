using Microsoft.Extensions.DependencyInjection;
using Quoalise.Adapters.Mqtt;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Adapters.Storage;

// In the storage namespace on purpose: its set-up fixture starts (and stops) the shared MariaDB and PostgreSQL.
namespace Quoalise.IntegrationTests.Storage;

/// <summary>
/// The MQTT adapter's own tables and queries on the three engines, through its migrations and stores as the component
/// runs them: dialect upserts, multi-row inserts past one statement's rows, paging, and delivery receipts in storage.
/// </summary>
[TestFixture(SqlEngine.Sqlite)]
[TestFixture(SqlEngine.MySql)]
[TestFixture(SqlEngine.Postgres)]
public class MqttStoresTests(SqlEngine engine) : StorageFixture(engine)
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    // A valid "é" then a lone 0xFF byte, which no UTF-8 text contains ("\xFF" in a C# literal would be "ÿ").
    private static readonly byte[] InvalidUtf8Payload = [.. "{\"é\": "u8, 0xFF, .. "}"u8];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(new MigrationSet(MqttAdapter.AdapterName, typeof(MqttAdapter).Assembly));

    [Test]
    public async Task Beds_are_added_once_found_and_listed_in_order()
    {
        var store = new BedStore(Get<IDatabase>());

        var added = await store.AddAsync(new Bed(2, 1, "South", Origin, "admin@example.org"), CancellationToken.None);
        var again = await store.AddAsync(new Bed(2, 1, "Other", Origin.AddHours(1), "auto"), CancellationToken.None);
        await store.AddAsync(new Bed(1, 9, null, Origin, "auto"), CancellationToken.None);

        added.Should().BeTrue();
        again.Should().BeFalse();
        (await store.FindAsync(2, 1, CancellationToken.None)).Should().Be(new Bed(2, 1, "South", Origin, "admin@example.org"));
        (await store.FindAsync(2, 2, CancellationToken.None)).Should().BeNull();
        (await store.ListAsync(CancellationToken.None)).Select(b => (b.Greenhouse, b.BedNumber)).Should().Equal((1, 9), (2, 1));
    }

    [Test]
    public async Task A_controller_announcement_is_upserted_and_its_Last_Will_keeps_its_address()
    {
        var store = new ControllerStore(Get<IDatabase>());

        await store.AnnounceAsync("24:D7:EB:38:DC:38", "192.168.42.85", true, Origin, CancellationToken.None);
        await store.AnnounceAsync("24:D7:EB:38:DC:38", "192.168.42.86", true, Origin.AddMinutes(1), CancellationToken.None);
        await store.MarkOfflineAsync("24:D7:EB:38:DC:38", Origin.AddMinutes(2), CancellationToken.None);
        await store.MarkOfflineAsync("AA:AA:AA:AA:AA:AA", Origin.AddMinutes(3), CancellationToken.None);

        (await store.ListAsync(CancellationToken.None)).Should().Equal(
            new Controller("24:D7:EB:38:DC:38", "192.168.42.86", false, Origin.AddMinutes(1), Origin.AddMinutes(2)),
            new Controller("AA:AA:AA:AA:AA:AA", null, false, null, Origin.AddMinutes(3)));
    }

    [Test]
    public async Task Errors_are_added_in_one_transaction_past_one_statement_and_queried_newest_first_by_type_and_time()
    {
        var store = new IngestErrorStore(Get<IDatabase>());
        var errors = Enumerable.Range(0, 1200).Select(i => IngestError.Create(
            i % 2 == 0 ? IngestErrorType.BedNotFound : IngestErrorType.InvalidValue, $"serre/{i}/bac/1", InvalidUtf8Payload, $"detail {i}", Origin.AddSeconds(i))).ToList();

        await store.AddAsync(errors, CancellationToken.None);

        var page = await store.QueryAsync(new IngestErrorQuery(IngestErrorType.InvalidValue, Origin.AddSeconds(100), Origin.AddSeconds(200), 3), CancellationToken.None);
        page.Select(e => e.Topic).Should().Equal("serre/199/bac/1", "serre/197/bac/1", "serre/195/bac/1");
        page[0].PayloadExcerpt.Should().Be("{\"é\": \\xFF}");
        page[0].Time.Should().Be(Origin.AddSeconds(199));
        (await store.QueryAsync(new IngestErrorQuery(null, Origin, Origin.AddHours(1), 1000), CancellationToken.None)).Should().HaveCount(1000);
    }

    [Test]
    public async Task A_delivery_receipt_round_trips_through_storage_with_the_stamp_exact_to_the_microsecond()
    {
        var stamp = Origin.AddTicks(1_234_560);
        var series = DeliveryJournal.SeriesOf("esp32-24d7eb38dc38");
        var receipt = new Quoalise.Protocol.Quoalise.SenMLRecord(series, DeliveryJournal.KeyTime(65535), Value: UnixMicroseconds.From(stamp), StringValue: DeliveryJournal.Hash("serre/1/bac/1", "{}"u8));

        await Get<ISeriesWriter>().WriteAsync([receipt], CancellationToken.None);

        var page = await Get<ISeriesReader>().ReadAsync(new SeriesQuery(series, DeliveryJournal.KeyTime(65535), DeliveryJournal.KeyTime(65536), 1), CancellationToken.None);
        var read = page.Points.Should().ContainSingle().Subject;
        UnixMicroseconds.ToTime((long)read.Value!.Value).Should().Be(stamp);
        read.StringValue.Should().Be(receipt.StringValue);
        (await Get<ISeriesCatalog>().FindAsync(series, CancellationToken.None)).Should().BeNull("receipts are not a listed series");
    }
}
