using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Adapters.Storage;

namespace Quoalise.IntegrationTests.Ocpp;

/// <summary>
/// OCPP 2.0.1 charging stations (ocpp-rpc): boot, status, authorisation, and TransactionEvent sequences
/// delivered in order, out of order, twice, and from the offline queue.
/// </summary>
[NonParallelizable] // One component shared by the fixture's tests.
public class Ocpp201TransactionTests : OcppFixture
{
    [Test]
    public async Task A_station_boots_reports_status_and_is_authorised_by_id_token()
    {
        var id = await RegisterAsync();
        var station = await BootAsync(id, "ocpp2.0.1");
        var tag = await AddTagAsync();

        await station.CallAsync("StatusNotification", new { timestamp = Iso(DateTimeOffset.UtcNow), connectorStatus = "Available", evseId = 1, connectorId = 1 });
        var accepted = await station.CallAsync("Authorize", new { idToken = new { idToken = tag, type = "ISO14443" } });
        var unknown = await station.CallAsync("Authorize", new { idToken = new { idToken = "NOPE", type = "ISO14443" } });

        accepted.GetProperty("idTokenInfo").GetProperty("status").GetString().Should().Be("Accepted");
        accepted.GetProperty("idTokenInfo").GetProperty("cacheExpiryDateTime").GetString().Should().NotBeNull();
        unknown.GetProperty("idTokenInfo").GetProperty("status").GetString().Should().Be("Invalid");
        (await Get<StatusStore>().ListAsync(id, CancellationToken.None)).Single().Status.Should().Be("Available");
    }

    [Test]
    public async Task Started_updated_ended_make_one_session_with_its_energy_curve()
    {
        var id = await RegisterAsync();
        var station = await BootAsync(id, "ocpp2.0.1");
        var tag = await AddTagAsync();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-40);

        var started = await station.CallAsync("TransactionEvent", Event("Started", 0, t0, "tx-A", tag, energyWh: 100, context: "Transaction.Begin"));
        await station.CallAsync("TransactionEvent", Event("Updated", 1, t0.AddMinutes(10), "tx-A", energyWh: 2.1, unit: "kWh"));
        await station.CallAsync("TransactionEvent", Event("Updated", 2, t0.AddMinutes(20), "tx-A", energyWh: 4100));
        await station.CallAsync("TransactionEvent", Event("Ended", 3, t0.AddMinutes(30), "tx-A", energyWh: 6100, context: "Transaction.End", stoppedReason: "EVDisconnected"));

        started.GetProperty("idTokenInfo").GetProperty("status").GetString().Should().Be("Accepted");
        var session = (await Get<TransactionStore>().FindByKeyAsync(id, "tx-A", CancellationToken.None))!;
        session.Ended.Should().Be(1);
        session.StopReason.Should().Be("EVDisconnected");
        session.IdTag.Should().Be(tag);
        session.ConnectorId.Should().Be(1);
        var ranges = await Get<MeterSampleStore>().EnergyRangesAsync([session.Id], CancellationToken.None);
        session.EnergyWh(ranges[session.Id]).Should().Be(6000);
        var curve = await Get<ISeriesReader>().ReadAsync(new SeriesQuery($"urn:dev:ocpp:{id}:tx{session.Id}_energy", t0.AddHours(-1), t0.AddHours(1), 100), CancellationToken.None);
        curve.Points.Select(p => p.Value).Should().Equal(100, 2100, 4100, 6100);
    }

    [Test]
    public async Task Events_arriving_out_of_order_and_twice_are_applied_by_seq_no_and_an_ended_session_never_reopens()
    {
        var id = await RegisterAsync();
        var station = await BootAsync(id, "ocpp2.0.1");
        var tag = await AddTagAsync();
        var t0 = DateTimeOffset.UtcNow.AddHours(-2);

        // The offline queue, shuffled as a flaky link delivers it: Ended first, a late Updated, then Started twice.
        await station.CallAsync("TransactionEvent", Event("Ended", 3, t0.AddMinutes(30), "tx-B", energyWh: 900, offline: true, stoppedReason: "Local"));
        await station.CallAsync("TransactionEvent", Event("Updated", 2, t0.AddMinutes(20), "tx-B", energyWh: 600, offline: true, chargingState: "Charging"));
        await station.CallAsync("TransactionEvent", Event("Started", 0, t0, "tx-B", tag, energyWh: 0, offline: true));
        await station.CallAsync("TransactionEvent", Event("Started", 0, t0, "tx-B", tag, energyWh: 0, offline: true));
        await station.CallAsync("TransactionEvent", Event("Updated", 1, t0.AddMinutes(10), "tx-B", energyWh: 300, offline: true, chargingState: "SuspendedEV"));

        var session = (await Get<TransactionStore>().FindByKeyAsync(id, "tx-B", CancellationToken.None))!;
        session.Ended.Should().Be(1, "a late Updated never re-opens an Ended transaction");
        session.StartUs.Should().Be(UnixMicros.From(DateTimeOffset.Parse(Iso(t0), System.Globalization.CultureInfo.InvariantCulture)));
        session.LastSeqNo.Should().Be(3);
        session.ChargingState.Should().Be("Charging", "seqNo 2 is the latest that set it, not the last to arrive");
        session.Offline.Should().Be(1);
        session.IdTag.Should().Be(tag);
        (await Get<MeterSampleStore>().CountAsync(id, CancellationToken.None)).Should().Be(4);
    }

    [Test]
    public async Task A_session_started_on_plug_in_gets_its_id_token_later()
    {
        var id = await RegisterAsync();
        var station = await BootAsync(id, "ocpp2.0.1");
        var tag = await AddTagAsync();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);

        var plugged = await station.CallAsync("TransactionEvent", Event("Started", 0, t0, "tx-C", idToken: null, energyWh: 10, triggerReason: "CablePluggedIn"));
        var authorized = await station.CallAsync("TransactionEvent", Event("Updated", 1, t0.AddMinutes(1), "tx-C", tag, energyWh: 10, triggerReason: "Authorized"));

        plugged.EnumerateObject().Should().BeEmpty("no idToken, no idTokenInfo");
        authorized.GetProperty("idTokenInfo").GetProperty("status").GetString().Should().Be("Accepted");
        var session = (await Get<TransactionStore>().FindByKeyAsync(id, "tx-C", CancellationToken.None))!;
        session.IdTag.Should().Be(tag);
        session.StartStatus.Should().Be("Accepted");
    }

    internal static object Event(
        string eventType,
        int seqNo,
        DateTimeOffset timestamp,
        string transactionId,
        string? idToken = null,
        double? energyWh = null,
        string unit = "Wh",
        string context = "Sample.Periodic",
        bool offline = false,
        string? stoppedReason = null,
        string? chargingState = null,
        string triggerReason = "MeterValuePeriodic")
    {
        var info = new Dictionary<string, object> { ["transactionId"] = transactionId };
        if (stoppedReason is not null)
        {
            info["stoppedReason"] = stoppedReason;
        }

        if (chargingState is not null)
        {
            info["chargingState"] = chargingState;
        }

        var payload = new Dictionary<string, object>
        {
            ["eventType"] = eventType,
            ["timestamp"] = Iso(timestamp),
            ["triggerReason"] = triggerReason,
            ["seqNo"] = seqNo,
            ["offline"] = offline,
            ["transactionInfo"] = info,
            ["evse"] = new { id = 1, connectorId = 1 },
        };
        if (idToken is not null)
        {
            payload["idToken"] = new { idToken, type = "ISO14443" };
        }

        if (energyWh is { } energy)
        {
            payload["meterValue"] = new[]
            {
                new { timestamp = Iso(timestamp), sampledValue = new[] { new { value = energy, context, measurand = "Energy.Active.Import.Register", unitOfMeasure = new { unit } } } },
            };
        }

        return payload;
    }
}
