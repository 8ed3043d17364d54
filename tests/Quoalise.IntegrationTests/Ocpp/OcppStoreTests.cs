using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quoalise.Adapters.Ocpp;
using Quoalise.Adapters.Ocpp.Metering;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Adapters.Storage;

// In the Storage namespace so that the shared MariaDB and PostgreSQL of StorageServers are stopped after these tests too.
namespace Quoalise.IntegrationTests.Storage.Ocpp;

/// <summary>
/// The OCPP adapter's tables and queries on SQLite, MariaDB and PostgreSQL, through the component's own
/// storage and migration runner: idempotent starts and stops, transaction events applied by seqNo, the
/// latest status kept against late notifications, samples once each, session search and energy.
/// </summary>
[TestFixture(SqlEngine.Sqlite)]
[TestFixture(SqlEngine.MySql)]
[TestFixture(SqlEngine.Postgres)]
public class OcppStoreTests(SqlEngine engine) : StorageFixture(engine)
{
    private static readonly long T0 = UnixMicros.From(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(new MigrationSet("ocpp", typeof(OcppAdapterExtensions).Assembly));
        services.AddSingleton<ChargePointStore>();
        services.AddSingleton<StatusStore>();
        services.AddSingleton<IdTagStore>();
        services.AddSingleton<TransactionStore>();
        services.AddSingleton<MeterSampleStore>();
        services.AddSingleton<MessageIssueStore>();
        services.AddSingleton<DataTransferStore>();
    }

    [Test]
    public async Task A_retried_start_finds_its_row_and_only_the_first_stop_counts()
    {
        var store = Get<TransactionStore>();
        var cp = Unique();
        var start = new TransactionStart(cp, "1|TAG|1|0", 1, "TAG", "Accepted", T0, 1000, null, T0);

        var (first, created) = await store.StartAsync(start, CancellationToken.None);
        var (again, createdAgain) = await store.StartAsync(start, CancellationToken.None);
        var stopped = await store.StopAsync(cp, first.Id, T0 + 60_000_000, 2500, "Local", "TAG", "[]", CancellationToken.None);
        var stoppedAgain = await store.StopAsync(cp, first.Id, T0 + 90_000_000, 9999, "Remote", null, null, CancellationToken.None);

        created.Should().BeTrue();
        createdAgain.Should().BeFalse();
        again.Id.Should().Be(first.Id);
        stopped.Should().BeTrue();
        stoppedAgain.Should().BeFalse();
        var row = (await store.FindAsync(cp, first.Id, CancellationToken.None))!;
        row.MeterStopWh.Should().Be(2500);
        row.StopReason.Should().Be("Local");
        row.EnergyWh(null).Should().Be(1500);
        (await store.FindAsync("other-" + cp, first.Id, CancellationToken.None)).Should().BeNull("a transaction belongs to its charge point");
    }

    [Test]
    public async Task Events_apply_by_seq_no_whatever_their_order_and_ended_stays_ended()
    {
        var store = Get<TransactionStore>();
        var cp = Unique();
        var row = await store.EnsureAsync(cp, "tx-1", T0, CancellationToken.None);
        TransactionEventRecord Event(string type, int seq, long at, string? state = null, string? token = null, string? reason = null) =>
            new(row.Id, seq, type, "Trigger", at, Offline: seq == 2, state, null, reason, null, 1, 1, token, token is null ? null : "ISO14443", T0);

        (await store.ApplyEventAsync(Event("Ended", 3, T0 + 3_000_000, reason: "EVDisconnected"), CancellationToken.None)).Should().BeTrue();
        await store.ApplyEventAsync(Event("Updated", 2, T0 + 2_000_000, state: "Charging", token: "LATE"), CancellationToken.None);
        await store.ApplyEventAsync(Event("Updated", 1, T0 + 1_000_000, state: "SuspendedEV", token: "EARLY"), CancellationToken.None);
        (await store.ApplyEventAsync(Event("Updated", 1, T0 + 1_000_000, state: "SuspendedEV"), CancellationToken.None)).Should().BeFalse("seqNo 1 came before");
        var beforeStart = (await store.FindByKeyAsync(cp, "tx-1", CancellationToken.None))!;
        await store.ApplyEventAsync(Event("Started", 0, T0), CancellationToken.None);

        beforeStart.StartUs.Should().Be(T0 + 1_000_000, "until Started arrives the earliest event stands for the start");
        var applied = (await store.FindByKeyAsync(cp, "tx-1", CancellationToken.None))!;
        applied.StartUs.Should().Be(T0);
        applied.Ended.Should().Be(1);
        applied.StopUs.Should().Be(T0 + 3_000_000);
        applied.StopReason.Should().Be("EVDisconnected");
        applied.ChargingState.Should().Be("Charging");
        applied.IdTag.Should().Be("LATE");
        applied.LastSeqNo.Should().Be(3);
        applied.Offline.Should().Be(1);
        applied.ConnectorId.Should().Be(1);
    }

    [Test]
    public async Task Events_of_a_known_transaction_number_no_new_one()
    {
        var store = Get<TransactionStore>();
        var cp = Unique();

        var first = await store.EnsureAsync(cp, "tx-1", T0, CancellationToken.None);
        var again = await store.EnsureAsync(cp, "tx-1", T0, CancellationToken.None);
        await store.EnsureAsync(cp, "tx-1", T0, CancellationToken.None);
        var next = await store.EnsureAsync(cp, "tx-2", T0, CancellationToken.None);

        again.Id.Should().Be(first.Id);
        next.Id.Should().Be(first.Id + 1, "an event of a transaction already stored spends no number of the sequence 1.6 transactionIds come from");
    }

    [Test]
    public async Task A_late_status_goes_to_the_history_but_not_over_the_latest()
    {
        var store = Get<StatusStore>();
        var cp = Unique();
        StatusRecord Status(long at, string status) => new(cp, 1, 0, at, status, "NoError", null, null, null, T0);

        await store.RecordAsync(Status(T0 + 2_000_000, "Charging"), CancellationToken.None);
        await store.RecordAsync(Status(T0 + 1_000_000, "Preparing"), CancellationToken.None);
        await store.RecordAsync(Status(T0 + 1_000_000, "Preparing"), CancellationToken.None);

        (await store.ListAsync(cp, CancellationToken.None)).Single().Status.Should().Be("Charging");
        (await store.CountHistoryAsync(cp, 1, CancellationToken.None)).Should().Be(2);
    }

    [Test]
    public async Task The_connectors_of_one_2_0_1_evse_keep_latest_statuses_of_their_own()
    {
        var store = Get<StatusStore>();
        var cp = Unique();

        await store.RecordAsync(new StatusRecord(cp, 1, 1, T0, "Available", "NoError", null, null, null, T0), CancellationToken.None);
        await store.RecordAsync(new StatusRecord(cp, 1, 2, T0 + 1, "Occupied", "NoError", null, null, null, T0), CancellationToken.None);
        await store.RecordAsync(new StatusRecord(cp, 1, 1, T0 + 2, "Reserved", "NoError", null, null, null, T0), CancellationToken.None);

        (await store.ListAsync(cp, CancellationToken.None)).Select(c => (c.ConnectorId, c.EvseConnectorId, c.Status))
            .Should().Equal((1L, 1L, "Reserved"), (1L, 2L, "Occupied"));
    }

    [Test]
    public async Task Samples_are_kept_once_and_give_each_sessions_energy_range()
    {
        var transactions = Get<TransactionStore>();
        var samples = Get<MeterSampleStore>();
        var cp = Unique();
        var (row, _) = await transactions.StartAsync(new TransactionStart(cp, "k", 1, "TAG", "Accepted", T0, null, null, T0), CancellationToken.None);
        StoredSample Sample(int minute, double wh, string? phase = null) => new(
            cp,
            new MeterSample(1, UnixMicros.ToTime(T0).AddMinutes(minute), MeterSample.EnergyRegister, phase, "Outlet", "Sample.Periodic", "Raw", "Wh", wh.ToString(System.Globalization.CultureInfo.InvariantCulture), wh, "Wh"),
            row.Id,
            T0);
        var batch = new[] { Sample(1, 100), Sample(2, 300), Sample(3, 700), Sample(3, 250, "L1") };

        await samples.InsertAsync(batch, CancellationToken.None);
        await samples.InsertAsync(batch, CancellationToken.None);

        (await samples.CountAsync(cp, CancellationToken.None)).Should().Be(4);
        var range = (await samples.EnergyRangesAsync([row.Id], CancellationToken.None))[row.Id];
        (range.MinWh, range.MaxWh).Should().Be((100, 700), "per-phase registers are not the total");
        row.EnergyWh(range).Should().Be(600);
    }

    [Test]
    public async Task Sessions_are_found_by_overlap_charge_point_and_tag_newest_first()
    {
        var store = Get<TransactionStore>();
        var cp = Unique();
        const long Hour = 3_600_000_000;
        async Task<long> Session(string key, long start, long? stop, string tag)
        {
            var (row, _) = await store.StartAsync(new TransactionStart(cp, key, 1, tag, "Accepted", start, 0, null, start), CancellationToken.None);
            if (stop is { } s)
            {
                await store.StopAsync(cp, row.Id, s, 10, "Local", null, null, CancellationToken.None);
            }

            return row.Id;
        }

        var early = await Session("a", T0, T0 + Hour, "A");
        var overlapping = await Session("b", T0 + (2 * Hour), T0 + (4 * Hour), "B");
        var running = await Session("c", T0 + (5 * Hour), null, "A");

        var window = await store.SearchAsync(new SessionQuery([cp], null, T0 + (3 * Hour), T0 + (6 * Hour), 10), CancellationToken.None);
        var byTag = await store.SearchAsync(new SessionQuery([cp], "A", T0, T0 + (10 * Hour), 10), CancellationToken.None);
        var limited = await store.SearchAsync(new SessionQuery([cp], null, T0, T0 + (10 * Hour), 1), CancellationToken.None);

        window.Select(t => t.Id).Should().Equal(running, overlapping);
        byTag.Select(t => t.Id).Should().Equal(running, early);
        limited.Select(t => t.Id).Should().Equal(running);
        (await store.FindOpenAtAsync(cp, 1, T0 + (5 * Hour) + 1, CancellationToken.None))!.Id.Should().Be(running);
        (await store.FindOpenAtAsync(cp, 1, T0 + (3 * Hour), CancellationToken.None))!.Id.Should().Be(overlapping);
        (await store.CountActiveWithTagAsync("A", running, CancellationToken.None)).Should().Be(0);
    }

    [Test]
    public async Task Sessions_of_many_charge_points_are_searched_in_several_statements_and_merged_newest_first()
    {
        var store = Get<TransactionStore>();
        var first = Unique();
        var last = Unique();
        const long Minute = 60_000_000;
        var (older, _) = await store.StartAsync(new TransactionStart(first, "a", 1, "A", "Accepted", T0, 0, null, T0), CancellationToken.None);
        var (newest, _) = await store.StartAsync(new TransactionStart(last, "b", 1, "A", "Accepted", T0 + (2 * Minute), 0, null, T0), CancellationToken.None);
        var (middle, _) = await store.StartAsync(new TransactionStart(first, "c", 1, "A", "Accepted", T0 + Minute, 0, null, T0), CancellationToken.None);
        await store.StartAsync(new TransactionStart(Unique(), "d", 1, "A", "Accepted", T0 + (3 * Minute), 0, null, T0), CancellationToken.None);
        IReadOnlyList<string> searched = [first, .. Enumerable.Range(0, 600).Select(_ => Unique()), last];

        var found = await store.SearchAsync(new SessionQuery(searched, null, T0, T0 + (10 * Minute), 2), CancellationToken.None);
        var all = await store.SearchAsync(new SessionQuery(searched, null, T0, T0 + (10 * Minute), 10), CancellationToken.None);

        found.Select(t => t.Id).Should().Equal(newest.Id, middle.Id);
        all.Select(t => t.Id).Should().Equal(newest.Id, middle.Id, older.Id);
        (await store.ListChargePointIdsAsync(CancellationToken.None)).Should().Contain([first, last]);
    }

    [Test]
    public async Task Charge_points_and_tags_are_added_once_updated_blocked_and_deleted()
    {
        var chargePoints = Get<ChargePointStore>();
        var tags = Get<IdTagStore>();
        var cp = Unique();
        var tag = "T" + cp[..10];

        (await chargePoints.AddAsync(cp, 1, "hash", "Accepted", false, T0, CancellationToken.None)).Should().BeTrue();
        (await chargePoints.AddAsync(cp, 0, null, "Pending", false, T0, CancellationToken.None)).Should().BeFalse();
        await chargePoints.RecordBootAsync(new BootRecord(cp, "ocpp1.6", null, "Accepted", "V", "M", "S", null, "F", null, null, null, null, "{}", T0), CancellationToken.None);
        await chargePoints.RecordHeartbeatAsync(cp, T0 + 5, CancellationToken.None);
        (await tags.AddAsync(new IdTagRow { IdTag = tag, Status = "Accepted" }, T0, CancellationToken.None)).Should().BeTrue();
        (await tags.AddAsync(new IdTagRow { IdTag = tag, Status = "Invalid" }, T0, CancellationToken.None)).Should().BeFalse();
        (await tags.UpdateAsync(new IdTagChange(tag, "Expired", null, false, "G", false, null, false), T0 + 1, CancellationToken.None)).Should().BeTrue();
        (await tags.SetBlockedAsync(tag, true, T0 + 2, CancellationToken.None)).Should().BeTrue();

        var stored = (await chargePoints.FindAsync(cp, CancellationToken.None))!;
        (stored.SecurityProfile, stored.AuthKeyHash, stored.Vendor, stored.BootStatus, stored.LastHeartbeatUs).Should().Be((1L, "hash", "V", "Accepted", T0 + 5));
        var listed = (await tags.FindAsync(tag, CancellationToken.None))!;
        (listed.Status, listed.ParentIdTag, listed.Blocked).Should().Be(("Expired", "G", 1L));
        (await tags.DeleteAsync(tag, CancellationToken.None)).Should().BeTrue();
        (await chargePoints.DeleteAsync(cp, CancellationToken.None)).Should().BeTrue();
        (await chargePoints.FindAsync(cp, CancellationToken.None)).Should().BeNull();
    }

    [Test]
    public async Task A_tag_update_changes_the_given_fields_empties_the_cleared_ones_and_keeps_the_rest()
    {
        var tags = Get<IdTagStore>();
        var tag = "T" + Unique()[..20];
        await tags.AddAsync(new IdTagRow { IdTag = tag, Status = "Accepted", ExpiryUs = T0, ParentIdTag = "G", Note = "first" }, T0, CancellationToken.None);
        await tags.SetBlockedAsync(tag, true, T0, CancellationToken.None);

        await tags.UpdateAsync(new IdTagChange(tag, null, null, false, null, false, "second", false), T0 + 1, CancellationToken.None);
        var noted = (await tags.FindAsync(tag, CancellationToken.None))!;
        await tags.UpdateAsync(new IdTagChange(tag, "Invalid", null, true, null, true, null, false), T0 + 2, CancellationToken.None);
        var cleared = (await tags.FindAsync(tag, CancellationToken.None))!;
        var missing = await tags.UpdateAsync(new IdTagChange("no-" + tag, "Invalid", null, false, null, false, null, false), T0, CancellationToken.None);

        (noted.Status, noted.ExpiryUs, noted.ParentIdTag, noted.Blocked, noted.Note).Should().Be(("Accepted", T0, "G", 1L, "second"));
        (cleared.Status, cleared.ExpiryUs, cleared.ParentIdTag, cleared.Blocked, cleared.Note).Should().Be(("Invalid", (long?)null, (string?)null, 1L, "second"));
        missing.Should().BeFalse();
    }

    [Test]
    public async Task Unblocking_gives_a_tag_its_status_back_and_makes_one_listed_as_blocked_accepted()
    {
        var tags = Get<IdTagStore>();
        var expired = "E" + Unique()[..20];
        var listedBlocked = "B" + Unique()[..20];
        await tags.AddAsync(new IdTagRow { IdTag = expired, Status = "Expired" }, T0, CancellationToken.None);
        await tags.AddAsync(new IdTagRow { IdTag = listedBlocked, Status = "Blocked", Blocked = 1 }, T0, CancellationToken.None);

        await tags.SetBlockedAsync(expired, true, T0, CancellationToken.None);
        await tags.SetBlockedAsync(expired, false, T0, CancellationToken.None);
        await tags.SetBlockedAsync(listedBlocked, false, T0, CancellationToken.None);

        var unblockedExpired = (await tags.FindAsync(expired, CancellationToken.None))!;
        var unblockedListedBlocked = (await tags.FindAsync(listedBlocked, CancellationToken.None))!;
        (unblockedExpired.Status, unblockedExpired.Blocked).Should().Be(("Expired", 0L));
        (unblockedListedBlocked.Status, unblockedListedBlocked.Blocked).Should().Be(("Accepted", 0L));
    }

    private static string Unique() => "S" + Guid.NewGuid().ToString("N")[..20];
}
