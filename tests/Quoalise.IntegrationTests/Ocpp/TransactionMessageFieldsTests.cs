using Dapper;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Adapters.Storage;
using Quoalise.IntegrationTests.Ocpp;

// In the Storage namespace so that the shared MariaDB and PostgreSQL of StorageServers are stopped after these tests too.
namespace Quoalise.IntegrationTests.Storage.Ocpp;

/// <summary>
/// Transaction messages are never refused for what is wrong in them, so what they carry must fit the columns on
/// every engine: over-long texts, NUL characters and payloads past 64 KiB are stored (cut or cleaned, and recorded
/// as problems) instead of failing the insert on every retry, and another charger's samples are never caught in it.
/// </summary>
[TestFixture(SqlEngine.Sqlite)]
[TestFixture(SqlEngine.MySql)]
[TestFixture(SqlEngine.Postgres)]
[NonParallelizable] // One component shared by the fixture's tests.
public class TransactionMessageFieldsTests(SqlEngine engine) : OcppFixture(engine)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ocpp:MaxMessageBytes"] = "262144",
        ["Ocpp:OpenAccess"] = "true",
    };

    [Test]
    public async Task A_1_6_session_with_over_long_fields_is_stored_cut_to_its_columns_and_another_chargers_samples_are_kept()
    {
        var id = await RegisterAsync();
        var neighbourId = await RegisterAsync();
        var chargePoint = await BootAsync(id);
        var neighbour = await BootAsync(neighbourId);
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-30);
        var longTag = "TAG\u0000" + new string('t', 40);
        var measurand = "Vendor.Measurand." + new string('m', 50);

        var start = await chargePoint.CallAsync("StartTransaction", new { connectorId = 1, idTag = longTag, meterStart = 0, timestamp = Iso(t0) });
        var transactionId = start.GetProperty("transactionId").GetInt32();
        var sampled = new { value = "12", measurand, phase = "L1-N-and-more", location = "Somewhere.Else", context = "Sample.Vendor.Specific.Context", unit = new string('u', 30) };
        var meterValues = chargePoint.CallAsync("MeterValues", new { connectorId = 1, transactionId, meterValue = new[] { new { timestamp = Iso(t0.AddMinutes(1)), sampledValue = new[] { sampled } } } });
        var neighbours = neighbour.CallAsync("MeterValues", new { connectorId = 1, meterValue = new[] { new { timestamp = Iso(t0.AddMinutes(1)), sampledValue = new[] { new { value = "1000" } } } } });
        await Task.WhenAll(meterValues, neighbours);
        await chargePoint.CallAsync("StopTransaction", new { transactionId, meterStop = 10, timestamp = Iso(t0.AddMinutes(2)), idTag = longTag, reason = new string('R', 40) });

        var session = (await Get<TransactionStore>().FindAsync(id, transactionId, CancellationToken.None))!;
        (session.IdTag, session.StopIdTag, session.StopReason).Should().Be(("TAG\uFFFD" + new string('t', 32), "TAG\uFFFD" + new string('t', 32), new string('R', 32)));
        var stored = await QuerySingleAsync<(string Measurand, string Phase, string Location, string Context, string Unit)>(
            "SELECT measurand, phase, location, context, unit FROM ocpp_meter_samples WHERE charge_point_id = @Id AND measurand <> 'Energy.Active.Import.Register'", id);
        stored.Should().Be((measurand[..48], "L1-N-and", "Somewher", "Sample.Vendor.Specific.C", new string('u', 20)));
        (await Get<MeterSampleStore>().CountAsync(neighbourId, CancellationToken.None)).Should().Be(1, "the neighbour's samples are stored whatever the other charger sent");
        var issues = Get<MessageIssueStore>();
        foreach (var action in new[] { "StartTransaction", "MeterValues", "StopTransaction" })
        {
            (await issues.CountAsync(id, action, CancellationToken.None)).Should().Be(1, $"what was cut from {action} is recorded");
        }
    }

    [Test]
    public async Task A_2_0_1_transaction_with_over_long_fields_is_stored_cut_to_its_columns()
    {
        var id = await RegisterAsync();
        var station = await BootAsync(id, "ocpp2.0.1");
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-10);
        var longToken = "BAD\u0000" + new string('k', 40);
        object Event(string eventType, int seqNo, Dictionary<string, object> info) => new Dictionary<string, object>
        {
            ["eventType"] = eventType,
            ["timestamp"] = Iso(t0.AddMinutes(seqNo)),
            ["triggerReason"] = "Vendor.Trigger." + new string('r', 30),
            ["seqNo"] = seqNo,
            ["transactionInfo"] = info,
            ["evse"] = new { id = 1, connectorId = 1 },
            ["idToken"] = new { idToken = longToken, type = "VendorTokenType" + new string('y', 10) },
        };

        var started = await station.CallAsync("TransactionEvent", Event("Started", 0, new() { ["transactionId"] = "tx-long", ["chargingState"] = "ChargingInAVendorWay" + new string('c', 10) }));
        await station.CallAsync("TransactionEvent", Event("Ended", 1, new() { ["transactionId"] = "tx-long", ["stoppedReason"] = "StoppedForAVendorReason" + new string('s', 20) }));

        started.GetProperty("idTokenInfo").GetProperty("status").GetString().Should().Be("Accepted");
        var session = (await Get<TransactionStore>().FindByKeyAsync(id, "tx-long", CancellationToken.None))!;
        (session.IdTag, session.ChargingState, session.StopReason, session.Ended).Should().Be((
            "BAD\uFFFD" + new string('k', 32),
            ("ChargingInAVendorWay" + new string('c', 10))[..20],
            ("StoppedForAVendorReason" + new string('s', 20))[..32],
            1L));
        (await Get<MessageIssueStore>().CountAsync(id, "TransactionEvent", CancellationToken.None)).Should().Be(2);
    }

    [Test]
    public async Task A_stop_carrying_more_than_64_KiB_is_stored_whole()
    {
        var id = await RegisterAsync();
        var chargePoint = await BootAsync(id);
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);
        var signed = new string('s', 100_000);
        var start = await chargePoint.CallAsync("StartTransaction", new { connectorId = 1, idTag = "TAG", meterStart = 0, timestamp = Iso(t0) });
        var transactionId = start.GetProperty("transactionId").GetInt32();

        await chargePoint.CallAsync("StopTransaction", new
        {
            transactionId,
            meterStop = 10,
            timestamp = Iso(t0.AddMinutes(1)),
            reason = "NotAReason",
            transactionData = new[] { new { timestamp = Iso(t0.AddMinutes(1)), sampledValue = new[] { new { value = signed, format = "SignedData", context = "Transaction.End" } } } },
        });

        var raw = await QuerySingleAsync<string>("SELECT raw_value FROM ocpp_meter_samples WHERE charge_point_id = @Id AND format = 'SignedData'", id);
        raw.Should().Be(signed);
        (await Get<MessageIssueStore>().CountAsync(id, "StopTransaction", CancellationToken.None)).Should().Be(1, "the unknown reason is recorded, with the whole payload");
        var data = await QuerySingleAsync<string>("SELECT transaction_data FROM ocpp_transactions WHERE charge_point_id = @Id", id);
        data.Should().Contain(signed, "the raw transactionData is kept whole");
    }

    // Its own connection, given back at once: on SQLite the component hands out one at a time.
    private async Task<T> QuerySingleAsync<T>(string sql, string chargePointId)
    {
        await using var connection = await Get<IDatabase>().OpenAsync(CancellationToken.None);
        return await connection.QuerySingleAsync<T>(sql, new { Id = chargePointId });
    }
}
