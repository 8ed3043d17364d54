using System.Text.Json;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Adapters.Storage;

namespace Quoalise.IntegrationTests.Ocpp;

/// <summary>
/// OCPP 1.6-J charge points (ocpp-rpc) against the component: boot, authorisation from the list, a whole
/// session with meter values, and the hostile timings chargers produce (offline replay, retried start,
/// stop of an unknown transaction).
/// </summary>
[NonParallelizable] // One component shared by the fixture's tests.
public class Ocpp16SessionTests : OcppFixture
{
    [Test]
    public async Task Boot_is_accepted_with_the_heartbeat_interval_and_the_charge_point_description_is_kept()
    {
        var id = await RegisterAsync();
        var chargePoint = await ConnectAsync(id);

        var boot = await chargePoint.CallAsync("BootNotification", new { chargePointVendor = "Alfen", chargePointModel = "Eve", firmwareVersion = "6.1", meterSerialNumber = "M-1" });
        var heartbeat = await chargePoint.CallAsync("Heartbeat", new { });

        chargePoint.Protocol.Should().Be("ocpp1.6");
        boot.GetProperty("status").GetString().Should().Be("Accepted");
        boot.GetProperty("interval").GetInt32().Should().Be(300);
        DateTimeOffset.Parse(boot.GetProperty("currentTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(10));
        heartbeat.GetProperty("currentTime").GetString().Should().EndWith("Z");
        var stored = await Get<ChargePointStore>().FindAsync(id, CancellationToken.None);
        stored!.Vendor.Should().Be("Alfen");
        stored.Model.Should().Be("Eve");
        stored.FirmwareVersion.Should().Be("6.1");
        stored.BootStatus.Should().Be("Accepted");
        stored.LastHeartbeatUs.Should().NotBeNull();
        (await Get<ChargePointStore>().CountBootsAsync(id, CancellationToken.None)).Should().Be(1);
    }

    [Test]
    public async Task A_pending_charge_point_gets_security_error_for_everything_but_boot()
    {
        var id = await RegisterAsync(registrationStatus: "Pending");
        var chargePoint = await ConnectAsync(id);

        var boot = await chargePoint.CallAsync("BootNotification", new { chargePointVendor = "V", chargePointModel = "M" });
        var refused = async () => await chargePoint.CallAsync("Heartbeat", new { });

        boot.GetProperty("status").GetString().Should().Be("Pending");
        boot.GetProperty("interval").GetInt32().Should().Be(60);
        (await refused.Should().ThrowAsync<RpcError>()).Which.Code.Should().Be("SecurityError");
    }

    [Test]
    public async Task Authorize_answers_from_the_list_accepted_invalid_expired_and_blocked()
    {
        var chargePoint = await BootAsync(await RegisterAsync());
        var valid = await AddTagAsync();
        var expired = await AddTagAsync(expiry: DateTimeOffset.UtcNow.AddDays(-1));
        var blocked = await AddTagAsync(blocked: true);
        var group = await AddTagAsync(status: "Blocked");
        var member = await AddTagAsync(parent: group);

        async Task<JsonElement> Authorize(string tag) => (await chargePoint.CallAsync("Authorize", new { idTag = tag })).GetProperty("idTagInfo");

        var accepted = await Authorize(valid);
        accepted.GetProperty("status").GetString().Should().Be("Accepted");
        accepted.GetProperty("expiryDate").GetString().Should().NotBeNullOrEmpty("the answer bounds the charge point's cache");
        (await Authorize("NOT-LISTED")).GetProperty("status").GetString().Should().Be("Invalid");
        (await Authorize(expired)).GetProperty("status").GetString().Should().Be("Expired");
        (await Authorize(blocked)).GetProperty("status").GetString().Should().Be("Blocked");
        var inBlockedGroup = await Authorize(member);
        inBlockedGroup.GetProperty("status").GetString().Should().Be("Blocked");
        inBlockedGroup.GetProperty("parentIdTag").GetString().Should().Be(group);
    }

    [Test]
    public async Task A_full_session_keeps_every_sample_with_spec_defaults_and_its_energy()
    {
        var id = await RegisterAsync();
        var chargePoint = await BootAsync(id);
        var tag = await AddTagAsync();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-30);
        await chargePoint.CallAsync("StatusNotification", new { connectorId = 1, errorCode = "NoError", status = "Preparing", timestamp = Iso(t0) });

        var start = await chargePoint.CallAsync("StartTransaction", new { connectorId = 1, idTag = tag, meterStart = 1000, timestamp = Iso(t0) });
        var transactionId = start.GetProperty("transactionId").GetInt32();
        await chargePoint.CallAsync("MeterValues", new
        {
            connectorId = 1,
            transactionId,
            meterValue = new[]
            {
                new
                {
                    timestamp = Iso(t0.AddMinutes(10)),
                    sampledValue = new object[]
                    {
                        new { value = "1.5" , unit = "kWh", measurand = "Energy.Active.Import.Register" },
                        new { value = "7.2", unit = "kW", measurand = "Power.Active.Import" },
                        new { value = "16.0", measurand = "Current.Import", unit = "A", phase = "L1" },
                        new { value = "54", measurand = "SoC", unit = "Percent", location = "EV" },
                    },
                },
            },
        });
        await chargePoint.CallAsync("MeterValues", new { connectorId = 1, transactionId, meterValue = new[] { new { timestamp = Iso(t0.AddMinutes(20)), sampledValue = new[] { new { value = "2000" } } } } });
        var stop = await chargePoint.CallAsync("StopTransaction", new
        {
            transactionId,
            meterStop = 2500,
            timestamp = Iso(t0.AddMinutes(25)),
            idTag = tag,
            reason = "EVDisconnected",
            transactionData = new[] { new { timestamp = Iso(t0.AddMinutes(25)), sampledValue = new[] { new { value = "2500", context = "Transaction.End", unit = "Wh" } } } },
        });

        start.GetProperty("idTagInfo").GetProperty("status").GetString().Should().Be("Accepted");
        stop.GetProperty("idTagInfo").GetProperty("status").GetString().Should().Be("Accepted");
        var session = (await Get<TransactionStore>().FindAsync(id, transactionId, CancellationToken.None))!;
        session.Ended.Should().Be(1);
        session.StopReason.Should().Be("EVDisconnected");
        session.MeterStartWh.Should().Be(1000);
        session.MeterStopWh.Should().Be(2500);
        session.EnergyWh(null).Should().Be(1500);
        (await Get<MeterSampleStore>().CountAsync(id, CancellationToken.None)).Should().Be(7, "start, four samples and one bare register, then the transactionData reading, the same as the stop reading");

        var reader = Get<ISeriesReader>();
        var energy = await reader.ReadAsync(new SeriesQuery($"urn:dev:ocpp:{id}:1_energy", t0.AddHours(-1), t0.AddHours(1), 100), CancellationToken.None);
        energy.Points.Select(p => (p.Value, p.Unit)).Should().Equal((1000, "Wh"), (1500, "Wh"), (2000, "Wh"), (2500, "Wh"));
        var transactionEnergy = await reader.ReadAsync(new SeriesQuery($"urn:dev:ocpp:{id}:tx{transactionId}_energy", t0.AddHours(-1), t0.AddHours(1), 100), CancellationToken.None);
        transactionEnergy.Points.Should().HaveCount(4);
        (await reader.ReadAsync(new SeriesQuery($"urn:dev:ocpp:{id}:1_power", t0, t0.AddHours(1), 10), CancellationToken.None)).Points.Single().Should().Match<Quoalise.Protocol.Quoalise.SenMLRecord>(p => p.Value == 7200 && p.Unit == "W");
        (await reader.ReadAsync(new SeriesQuery($"urn:dev:ocpp:{id}:1_soc", t0, t0.AddHours(1), 10), CancellationToken.None)).Points.Single().Should().Match<Quoalise.Protocol.Quoalise.SenMLRecord>(p => p.Value == 54 && p.Unit == "%EL");
        (await reader.ReadAsync(new SeriesQuery($"urn:dev:ocpp:{id}:1_current-import-l1", t0, t0.AddHours(1), 10), CancellationToken.None)).Points.Single().Value.Should().Be(16);
        (await reader.ReadAsync(new SeriesQuery($"urn:dev:ocpp:{id}:1_status", t0.AddHours(-1), t0.AddHours(1), 10), CancellationToken.None)).Points.Single().StringValue.Should().Be("Preparing");
    }

    [Test]
    public async Task A_retried_start_gets_the_same_transaction_id_and_a_second_session_a_new_one()
    {
        var id = await RegisterAsync();
        var chargePoint = await BootAsync(id);
        var tag = await AddTagAsync();
        var start = new { connectorId = 1, idTag = tag, meterStart = 0, timestamp = Iso(DateTimeOffset.UtcNow.AddMinutes(-5)) };

        var first = await chargePoint.CallAsync("StartTransaction", start);
        var retry = await chargePoint.CallAsync("StartTransaction", start);
        var other = await chargePoint.CallAsync("StartTransaction", start with { connectorId = 2 });

        retry.GetProperty("transactionId").GetInt32().Should().Be(first.GetProperty("transactionId").GetInt32());
        retry.GetProperty("idTagInfo").GetProperty("status").GetString().Should().Be("Accepted");
        other.GetProperty("transactionId").GetInt32().Should().NotBe(first.GetProperty("transactionId").GetInt32());
        other.GetProperty("idTagInfo").GetProperty("status").GetString().Should().Be("ConcurrentTx", "the tag already charges on connector 1");
        (await Get<TransactionStore>().ListOpenAsync(id, CancellationToken.None)).Should().HaveCount(2);
    }

    [Test]
    public async Task A_stop_for_an_unknown_transaction_is_answered_normally_and_recorded()
    {
        var id = await RegisterAsync();
        var chargePoint = await BootAsync(id);

        var stop = await chargePoint.CallAsync("StopTransaction", new { transactionId = 987654, meterStop = 10, timestamp = Iso(DateTimeOffset.UtcNow) });

        stop.EnumerateObject().Should().BeEmpty("no idTag was sent, so no idTagInfo is due");
        (await Get<MessageIssueStore>().CountAsync(id, "StopTransaction", CancellationToken.None)).Should().Be(1);
    }

    [Test]
    public async Task An_offline_queue_replayed_after_reconnection_is_stored_with_the_charge_points_times_and_a_replay_adds_nothing()
    {
        var id = await RegisterAsync();
        var chargePoint = await BootAsync(id);
        var tag = await AddTagAsync();
        var t0 = DateTimeOffset.UtcNow.AddHours(-3);
        await chargePoint.CloseAsync();

        // Reconnected without a new boot (OCPP-J 1.6 §5.4): the queue goes out at once, oldest first.
        var again = await ConnectAsync(id);
        var start = await again.CallAsync("StartTransaction", new { connectorId = 1, idTag = tag, meterStart = 5000, timestamp = Iso(t0) });
        var transactionId = start.GetProperty("transactionId").GetInt32();
        var meterValues = new
        {
            connectorId = 1,
            transactionId,
            meterValue = Enumerable.Range(1, 6).Select(i => new { timestamp = Iso(t0.AddMinutes(10 * i)), sampledValue = new[] { new { value = (5000 + (i * 500)).ToString(System.Globalization.CultureInfo.InvariantCulture), context = "Sample.Periodic" } } }).ToArray(),
        };
        await again.CallAsync("MeterValues", meterValues);
        await again.CallAsync("MeterValues", meterValues);
        var stop = new { transactionId, meterStop = 8200, timestamp = Iso(t0.AddMinutes(65)), reason = "Local" };
        await again.CallAsync("StopTransaction", stop);
        await again.CallAsync("StopTransaction", stop);

        var session = (await Get<TransactionStore>().FindAsync(id, transactionId, CancellationToken.None))!;
        session.StartUs.Should().Be(UnixMicros.From(DateTimeOffset.Parse(Iso(t0), System.Globalization.CultureInfo.InvariantCulture)));
        session.StopUs.Should().Be(UnixMicros.From(DateTimeOffset.Parse(Iso(t0.AddMinutes(65)), System.Globalization.CultureInfo.InvariantCulture)));
        session.EnergyWh(null).Should().Be(3200);
        (await Get<MeterSampleStore>().CountAsync(id, CancellationToken.None)).Should().Be(8, "start, six samples and stop, each once");
        (await Get<MessageIssueStore>().CountAsync(id, "StopTransaction", CancellationToken.None)).Should().Be(0, "an identical retried stop is no problem");
    }

    [Test]
    public async Task Transaction_messages_that_break_their_schema_are_answered_normally_and_their_problems_recorded()
    {
        var id = await RegisterAsync();
        var chargePoint = await BootAsync(id);

        var start = await chargePoint.CallAsync("StartTransaction", new { connectorId = 1, idTag = "NOT-LISTED", meterStart = 12, timestamp = Iso(DateTimeOffset.UtcNow), vendorExtra = "x" });
        var meterValues = await chargePoint.CallAsync("MeterValues", new { connectorId = 1, meterValue = Array.Empty<object>() });

        start.GetProperty("transactionId").GetInt32().Should().BePositive();
        start.GetProperty("idTagInfo").GetProperty("status").GetString().Should().Be("Invalid");
        meterValues.EnumerateObject().Should().BeEmpty();
        (await Get<MessageIssueStore>().CountAsync(id, "StartTransaction", CancellationToken.None)).Should().Be(1);
        (await Get<MessageIssueStore>().CountAsync(id, "MeterValues", CancellationToken.None)).Should().Be(1);
    }
}
