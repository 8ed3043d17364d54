using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Quoalise.Adapters.Ocpp.Commands;
using Quoalise.Adapters.Ocpp.Metering;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.IntegrationTests.Support;
using Quoalise.Protocol.Quoalise;
using Quoalise.Testing.Xml;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Ocpp;

/// <summary>
/// The OCPP commands over a real Prosody, from real slixmpp clients, against real ocpp-rpc charge points:
/// an operator's remote start reaching the charger and its answer coming back, the charger's refusals,
/// silence and absence as errors, a reader's sessions, energy curve and live pushes, and the admin lists.
/// </summary>
[NonParallelizable] // One Prosody, one component and three clients shared by the fixture's tests.
public class XmppCommandsTests : OcppFixture
{
    protected override bool UsesXmpp => true;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Ocpp:CallTimeout"] = "00:00:02" };

    [Test]
    public async Task A_remote_start_sent_by_an_operator_through_prosody_reaches_the_charge_point_and_its_answer_comes_back()
    {
        var id = await RegisterAsync();
        var chargePoint = await BootAsync(id);
        await chargePoint.HandleAsync("RemoteStartTransaction", new JsonObject { ["status"] = "Accepted" });

        var reply = new CommandReply(await Operator.ExecuteCommandAsync(Component, "remote_start_transaction", Fields.Of(
            ("charge_point", id), ("connector", "1"), ("id_tag", "TAG-REMOTE"))));
        var received = await chargePoint.NextCallAsync();

        reply.Status.Should().Be("completed", reply.ToString());
        reply.Field("status").Should().Be("Accepted");
        reply.Field("action").Should().Be("RemoteStartTransaction");
        received!.Value.Method.Should().Be("RemoteStartTransaction");
        received.Value.Params.GetProperty("idTag").GetString().Should().Be("TAG-REMOTE");
        received.Value.Params.GetProperty("connectorId").GetInt32().Should().Be(1);
    }

    [Test]
    public async Task On_2_0_1_the_start_is_a_request_start_transaction_and_a_rejection_is_the_chargers_upstream_error()
    {
        var id = await RegisterAsync();
        var station = await BootAsync(id, "ocpp2.0.1");
        await station.HandleAsync("RequestStartTransaction", new JsonObject { ["status"] = "Rejected" });

        var reply = new CommandReply(await Operator.ExecuteCommandAsync(Component, "remote_start_transaction", Fields.Of(("charge_point", id), ("id_tag", "TAG-201"))));
        var received = await station.NextCallAsync();

        received!.Value.Params.GetProperty("idToken").GetProperty("type").GetString().Should().Be("Central");
        received.Value.Params.GetProperty("remoteStartId").GetInt32().Should().BePositive();
        reply.ErrorCondition.Should().Be("undefined-condition");
        reply.ErrorText.Should().Be($"Charge point {id} answered RequestStartTransaction: Rejected.");
        reply.ErrorApplication!.Name.LocalName.Should().Be("upstream-error");
        ((string?)reply.ErrorApplication.Attribute("issuer")).Should().Be(id);
        ((string?)reply.ErrorApplication.Attribute("code")).Should().Be("Rejected");
    }

    [Test]
    public async Task An_offline_charge_point_a_silent_one_and_one_answering_with_a_call_error_give_three_clear_errors()
    {
        var offline = await RegisterAsync();
        var silent = await RegisterAsync();
        var refusing = await RegisterAsync();
        var quiet = await BootAsync(silent);
        await quiet.HandleAsync("Reset", noReply: true);
        await BootAsync(refusing);

        var notConnected = new CommandReply(await Operator.ExecuteCommandAsync(Component, "reset", Fields.Of(("charge_point", offline), ("type", "Soft"))));
        var timedOut = new CommandReply(await Operator.ExecuteCommandAsync(Component, "reset", Fields.Of(("charge_point", silent), ("type", "Hard"))));
        var callError = new CommandReply(await Operator.ExecuteCommandAsync(Component, "unlock_connector", Fields.Of(("charge_point", refusing), ("connector", "1"))));

        notConnected.ErrorCondition.Should().Be("recipient-unavailable");
        notConnected.ErrorText.Should().Be($"Charge point {offline} is not connected.");
        timedOut.ErrorCondition.Should().Be("remote-server-timeout");
        timedOut.ErrorText.Should().Be($"Charge point {silent} did not answer Reset within 2 s.");
        callError.ErrorCondition.Should().Be("undefined-condition");
        ((string?)callError.ErrorApplication!.Attribute("code")).Should().Be("NotImplemented");
        callError.ErrorText.Should().StartWith($"Charge point {refusing} refused UnlockConnector with NotImplemented");
    }

    [Test]
    public async Task A_readers_session_and_energy_curve_come_over_xmpp_and_live_pushes_follow_the_charge()
    {
        var id = await RegisterAsync("R");
        var chargePoint = await BootAsync(id);
        var tag = await AddTagAsync();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-30);
        var start = await chargePoint.CallAsync("StartTransaction", new { connectorId = 1, idTag = tag, meterStart = 0, timestamp = Iso(t0) });
        var transactionId = start.GetProperty("transactionId").GetInt32();
        await chargePoint.MeterEnergyAsync(transactionId, t0.AddMinutes(5), 1000);
        var energy = $"urn:dev:ocpp:{id}:1_energy";
        await Get<SeriesRegistrar>().WhenRegistered(energy).WaitAsync(TimeSpan.FromSeconds(10));

        var subscribed = new CommandReply(await Reader.ExecuteCommandAsync(Component, "subscribe", Fields.Of(("identifier", energy))));
        subscribed.Status.Should().Be("completed", subscribed.ToString());
        await chargePoint.MeterEnergyAsync(transactionId, t0.AddMinutes(10), 2000);
        var pushed = await Reader.NextDataMessageAsync();
        await chargePoint.MeterEnergyAsync(transactionId, t0.AddMinutes(15), 3000);
        await chargePoint.CallAsync("StopTransaction", new { transactionId, meterStop = 3500, timestamp = Iso(t0.AddMinutes(20)), reason = "Local" });
        await Reader.ExecuteCommandAsync(Component, "unsubscribe", Fields.Of(("identifier", energy)));

        QuoalisePayloadCodec.Read(pushed.Elements().Single(e => e.Name.LocalName == "quoalise")).Single().Records.Single()
            .Should().Match<SenMLRecord>(r => r.Name == energy && r.Value == 2000 && r.Unit == "Wh");

        var history = new CommandReply(await Reader.ExecuteCommandAsync(Component, "get_history", Fields.Of(
            ("identifier", energy), ("start_time", Iso(t0.AddMinutes(-1))), ("end_time", Iso(t0.AddHours(1))))));
        history.Status.Should().Be("completed", history.ToString());
        SchemaValidation.AssertPayloadsValid(history.Command!);
        QuoalisePayloadCodec.Read(history.Quoalise!).Single().Records.Select(r => r.Value).Should().Equal(0, 1000, 2000, 3000, 3500);

        var sessions = new CommandReply(await Reader.ExecuteCommandAsync(Component, "get_charging_sessions", Fields.Of(
            ("charge_point", id), ("start_time", Iso(t0.AddHours(-1))), ("end_time", Iso(t0.AddHours(1))), ("format", "table"))));
        sessions.Status.Should().Be("completed", sessions.ToString());
        var row = sessions.Form.Items.Single().ToDictionary(f => f.Var!, f => f.Value);
        row["transaction"].Should().Be(transactionId.ToString(CultureInfo.InvariantCulture));
        row["energy_wh"].Should().Be("3500");
        row["stop_reason"].Should().Be("Local");
        row["id_tag"].Should().Be(tag);
        row["state"].Should().Be("ended");
    }

    [Test]
    public async Task Readers_see_only_the_charge_points_their_grant_covers()
    {
        var visible = await RegisterAsync("R");
        var hidden = await RegisterAsync("CP");
        await BootAsync(visible, "ocpp2.0.1");

        var readerList = new CommandReply(await Reader.ExecuteCommandAsync(Component, "list_charge_points", Fields.Of(("format", "table"))));
        var adminList = new CommandReply(await Admin.ExecuteCommandAsync(Component, "list_charge_points", Fields.Of(("format", "table"))));
        var denied = new CommandReply(await Reader.ExecuteCommandAsync(Component, "get_charging_sessions", Fields.Of(("charge_point", hidden))));

        var rows = readerList.Form.Items.Select(i => i.ToDictionary(f => f.Var!, f => f.Value)).ToList();
        rows.Should().Contain(r => r["id"] == visible && r["connected"] == "ocpp2.0.1" && r["vendor"] == "Quoalise" && r["model"] == "ocpp-rpc");
        rows.Should().NotContain(r => r["id"] == hidden);
        adminList.Form.Items.Select(i => i.Single(f => f.Var == "id").Value).Should().Contain([visible, hidden]);
        denied.ErrorCondition.Should().Be("item-not-found");
    }

    [Test]
    public async Task A_reader_gets_all_the_sessions_they_may_read_however_many_newer_ones_they_may_not()
    {
        var visible = await RegisterAsync("R");
        var hidden = await RegisterAsync("CP");
        var transactions = Get<TransactionStore>();
        var t0 = new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero);
        async Task StartAsync(string chargePoint, int minute) => await transactions.StartAsync(
            new TransactionStart(chargePoint, $"key-{minute}", 1, "TAG", "Accepted", UnixMicros.From(t0.AddMinutes(minute)), 0, null, UnixMicros.From(t0)), CancellationToken.None);
        await StartAsync(visible, 0);
        await StartAsync(visible, 1);
        foreach (var minute in Enumerable.Range(10, GetChargingSessionsCommand.MaxSessions + 1))
        {
            await StartAsync(hidden, minute);
        }

        var sessions = new CommandReply(await Reader.ExecuteCommandAsync(Component, "get_charging_sessions", Fields.Of(
            ("start_time", Iso(t0)), ("end_time", Iso(t0.AddDays(1))), ("format", "table"))));

        sessions.Status.Should().Be("completed", sessions.ToString());
        sessions.Forms[1].Field("count")!.Value.Should().Be("2", "the summary follows the table");
        sessions.Form.Items.Select(i => i.Single(f => f.Var == "charge_point").Value).Should().Equal(visible, visible);
        sessions.Notes.Should().BeEmpty("the reader's sessions all fit in one answer");
    }

    [Test]
    public async Task A_grant_for_one_connector_shows_the_charge_point_once_that_connector_has_a_series_and_lets_it_be_operated()
    {
        var id = await RegisterAsync("F");
        var silent = await RegisterAsync("F");
        var chargePoint = await BootAsync(id);
        await chargePoint.CallAsync("StatusNotification", new { connectorId = 1, errorCode = "NoError", status = "Available" });
        await Get<SeriesRegistrar>().WhenRegistered($"urn:dev:ocpp:{id}:1_status").WaitAsync(TimeSpan.FromSeconds(10));
        await chargePoint.HandleAsync("UnlockConnector", new JsonObject { ["status"] = "Unlocked" });

        var list = new CommandReply(await Fitter.ExecuteCommandAsync(Component, "list_charge_points", Fields.Of(("format", "table"))));
        var unlocked = new CommandReply(await Fitter.ExecuteCommandAsync(Component, "unlock_connector", Fields.Of(("charge_point", id), ("connector", "1"))));
        var sessions = new CommandReply(await Fitter.ExecuteCommandAsync(Component, "get_charging_sessions", Fields.Of(("charge_point", id))));

        list.Form.Items.Select(i => i.Single(f => f.Var == "id").Value).Should().Contain(id).And.NotContain(silent, "a charge point with no series yet has none the grant covers");
        unlocked.Field("status").Should().Be("Unlocked", unlocked.ToString());
        sessions.Status.Should().Be("completed", sessions.ToString());
    }

    [Test]
    public async Task An_admin_registers_a_charge_point_and_manages_its_tags_which_authorisation_uses_at_once()
    {
        var id = "ADM-" + Guid.NewGuid().ToString("N")[..8];
        var tag = "A" + Guid.NewGuid().ToString("N")[..10];

        var added = new CommandReply(await Admin.ExecuteCommandAsync(Component, "manage_charge_point", Fields.Of(
            ("charge_point", id), ("action", "add"), ("security_profile", "1"), ("authorization_key", "a-very-long-key-1234"))));
        var operatorRefused = new CommandReply(await Operator.ExecuteCommandAsync(Component, "manage_id_tag", Fields.Of(("id_tag", tag), ("action", "add"))));
        var tagAdded = new CommandReply(await Admin.ExecuteCommandAsync(Component, "manage_id_tag", Fields.Of(("id_tag", tag), ("action", "add"))));
        var chargePoint = await OcppChargePoint.ConnectAsync(Endpoint, id, password: "a-very-long-key-1234");
        await using (chargePoint)
        {
            await chargePoint.CallAsync("BootNotification", new { chargePointVendor = "V", chargePointModel = "M" });
            var accepted = await chargePoint.CallAsync("Authorize", new { idTag = tag });
            await Admin.ExecuteCommandAsync(Component, "manage_id_tag", Fields.Of(("id_tag", tag), ("action", "block")));
            var blocked = await chargePoint.CallAsync("Authorize", new { idTag = tag });

            added.Status.Should().Be("completed", added.ToString());
            added.Field("security_profile").Should().Be("1");
            operatorRefused.ErrorCondition.Should().Be("forbidden");
            tagAdded.Field("status").Should().Be("Accepted");
            accepted.GetProperty("idTagInfo").GetProperty("status").GetString().Should().Be("Accepted");
            blocked.GetProperty("idTagInfo").GetProperty("status").GetString().Should().Be("Blocked");
        }
    }

    [Test]
    public async Task An_id_tag_update_changes_only_the_fields_filled_clear_empties_a_field_and_unblock_makes_a_blocked_tag_usable()
    {
        var tag = "U" + Guid.NewGuid().ToString("N")[..10];
        var group = "G" + Guid.NewGuid().ToString("N")[..10];
        var listedBlocked = await AddTagAsync(status: "Blocked", blocked: true);
        var chargePoint = await BootAsync(await RegisterAsync());
        async Task<CommandReply> ManageAsync(params (string Var, string Value)[] fields) =>
            new(await Admin.ExecuteCommandAsync(Component, "manage_id_tag", Fields.Of(fields)));

        await ManageAsync(("id_tag", tag), ("action", "add"), ("expiry", "2030-01-01T00:00:00Z"), ("parent_id_tag", group), ("note", "fleet card"));
        await ManageAsync(("id_tag", tag), ("action", "block"));
        var noted = await ManageAsync(("id_tag", tag), ("action", "update"), ("note", "reported lost"));
        var cleared = await ManageAsync(("id_tag", tag), ("action", "update"), ("clear", "expiry"), ("clear", "note"));
        var unblocked = await ManageAsync(("id_tag", tag), ("action", "unblock"));
        var statusBlocked = await ManageAsync(("id_tag", tag), ("action", "update"), ("status", "Blocked"));
        var bothWays = await ManageAsync(("id_tag", tag), ("action", "update"), ("expiry", "2031-01-01T00:00:00Z"), ("clear", "expiry"));
        var unblockedListedBlocked = await ManageAsync(("id_tag", listedBlocked), ("action", "unblock"));

        (noted.Field("blocked"), noted.Field("expiry"), noted.Field("parent_id_tag"), noted.Field("note"))
            .Should().Be(("yes", "2030-01-01T00:00:00.000Z", group, "reported lost"), "an update leaves the fields left empty as they were");
        (cleared.Field("expiry"), cleared.Field("note"), cleared.Field("parent_id_tag")).Should().Be(("never", "none", group));
        (unblocked.Field("status"), unblocked.Field("blocked")).Should().Be(("Accepted", "no"));
        statusBlocked.ErrorCondition.Should().Be("bad-request", "blocking is the block action's, not a status");
        bothWays.ErrorCondition.Should().Be("bad-request");
        bothWays.ErrorText.Should().Be("'expiry' is both given and cleared: give a value or clear it.");
        (unblockedListedBlocked.Field("status"), unblockedListedBlocked.Field("blocked")).Should().Be(("Accepted", "no"), "an entry listed as Blocked is usable once unblocked");
        (await chargePoint.CallAsync("Authorize", new { idTag = listedBlocked })).GetProperty("idTagInfo").GetProperty("status").GetString().Should().Be("Accepted");
    }

    [Test]
    public async Task A_charge_point_id_too_long_for_series_names_is_not_registered()
    {
        var id = string.Concat(Enumerable.Repeat("充電", 10));

        var refused = new CommandReply(await Admin.ExecuteCommandAsync(Component, "manage_charge_point", Fields.Of(
            ("charge_point", id), ("action", "add"), ("security_profile", "0"))));

        refused.ErrorCondition.Should().Be("bad-request", refused.ToString());
        refused.ErrorText.Should().Be(
            $"The charge point id '{id}' takes 180 characters in series names (where each byte but an ASCII letter, digit, '.' or '-' is written _XX), more than 144: use fewer non-ASCII characters.");
    }

    [Test]
    public async Task A_key_for_a_charge_point_on_security_profile_0_is_refused_and_never_stored()
    {
        var id = "P0-" + Guid.NewGuid().ToString("N")[..8];

        var refused = new CommandReply(await Admin.ExecuteCommandAsync(Component, "manage_charge_point", Fields.Of(
            ("charge_point", id), ("action", "add"), ("security_profile", "0"), ("authorization_key", "a-very-long-key-1234"))));
        var added = new CommandReply(await Admin.ExecuteCommandAsync(Component, "manage_charge_point", Fields.Of(("charge_point", id), ("action", "add"), ("security_profile", "0"))));
        var keyed = new CommandReply(await Admin.ExecuteCommandAsync(Component, "manage_charge_point", Fields.Of(
            ("charge_point", id), ("action", "update"), ("authorization_key", "a-very-long-key-1234"))));

        refused.ErrorCondition.Should().Be("bad-request", refused.ToString());
        refused.ErrorText.Should().Be("Security profile 0 uses no authorization key: leave it empty, or choose profile 1 or 2.");
        added.Field("security_profile").Should().Be("0", added.ToString());
        keyed.ErrorText.Should().Be("Security profile 0 uses no authorization key: leave it empty, or choose profile 1 or 2.");
        (await Get<ChargePointStore>().FindAsync(id, CancellationToken.None))!.AuthKeyHash.Should().BeNull();
    }

    [Test]
    public async Task Deleting_a_connected_charge_point_closes_its_connection_and_it_cannot_connect_again()
    {
        var id = await RegisterAsync();
        var chargePoint = await BootAsync(id);

        var deleted = new CommandReply(await Admin.ExecuteCommandAsync(Component, "manage_charge_point", Fields.Of(("charge_point", id), ("action", "delete"))));
        var closed = await chargePoint.NextCloseAsync(TimeSpan.FromSeconds(10));
        var again = async () => await Unconnected(id).OpenAsync(Endpoint, ["ocpp1.6"], Key);

        deleted.Field("state").Should().Be("deleted", deleted.ToString());
        deleted.Notes.Should().Equal(("info", "Its connection was closed."));
        closed.Should().Be((1008, "Charge point deleted by an administrator"));
        (await again.Should().ThrowAsync<ChargePointException>()).Which.HttpStatus.Should().Be(404);
    }

    [Test]
    public async Task In_gajim_the_operator_picks_a_connected_charge_point_then_one_of_its_connectors()
    {
        var id = await RegisterAsync();
        var chargePoint = await BootAsync(id);
        await chargePoint.CallAsync("StatusNotification", new { connectorId = 2, errorCode = "NoError", status = "Available" });
        await chargePoint.HandleAsync("UnlockConnector", new JsonObject { ["status"] = "Unlocked" });

        var first = new CommandReply(await Operator.ExecuteCommandAsync(Component, "unlock_connector"));
        var second = new CommandReply(await Operator.ExecuteCommandAsync(Component, "unlock_connector", Fields.Of(("charge_point", id)), "next", first.SessionId));
        var done = new CommandReply(await Operator.ExecuteCommandAsync(Component, "unlock_connector", Fields.Of(("connector", "2")), "complete", first.SessionId));

        var choice = first.Form.Field("charge_point")!;
        choice.Type.Should().Be(Quoalise.Protocol.Forms.FormFieldType.ListSingle);
        choice.Options.Should().Contain(o => o.Value == id && o.Label == $"{id} (ocpp1.6)");
        second.Form.Field("connector")!.Options.Should().ContainSingle().Which.Label.Should().Be("2: Available");
        done.Field("status").Should().Be("Unlocked");
        (await chargePoint.NextCallAsync())!.Value.Params.GetProperty("connectorId").GetInt32().Should().Be(2);
    }

    [Test]
    public async Task The_connectors_of_a_2_0_1_evse_have_statuses_of_their_own_and_the_operator_unlocks_the_one_picked()
    {
        var id = await RegisterAsync();
        var station = await BootAsync(id, "ocpp2.0.1");
        var now = DateTimeOffset.UtcNow;
        await station.CallAsync("StatusNotification", new { timestamp = Iso(now), connectorStatus = "Available", evseId = 1, connectorId = 1 });
        await station.CallAsync("StatusNotification", new { timestamp = Iso(now), connectorStatus = "Occupied", evseId = 1, connectorId = 2 });
        await station.HandleAsync("UnlockConnector", new JsonObject { ["status"] = "Unlocked" });

        var list = new CommandReply(await Admin.ExecuteCommandAsync(Component, "list_charge_points", Fields.Of(("format", "table"))));
        var first = new CommandReply(await Operator.ExecuteCommandAsync(Component, "unlock_connector"));
        var second = new CommandReply(await Operator.ExecuteCommandAsync(Component, "unlock_connector", Fields.Of(("charge_point", id)), "next", first.SessionId));
        var done = new CommandReply(await Operator.ExecuteCommandAsync(Component, "unlock_connector", Fields.Of(("connector", "1.2")), "complete", first.SessionId));
        var received = await station.NextCallAsync();

        list.Form.Items.Select(i => i.ToDictionary(f => f.Var!, f => f.Value)).Single(r => r["id"] == id)["connectors"].Should().Be("1.1: Available, 1.2: Occupied");
        second.Form.Field("connector")!.Options.Select(o => (o.Value, o.Label)).Should().Equal(("1.1", "1.1: Available"), ("1.2", "1.2: Occupied"));
        done.Field("status").Should().Be("Unlocked", done.ToString());
        (received!.Value.Params.GetProperty("evseId").GetInt32(), received.Value.Params.GetProperty("connectorId").GetInt32()).Should().Be((1, 2));
        var status = await Get<Quoalise.Adapters.Storage.ISeriesReader>().ReadAsync(
            new Quoalise.Adapters.Storage.SeriesQuery($"urn:dev:ocpp:{id}:1.2_status", now.AddMinutes(-1), now.AddMinutes(1), 10), CancellationToken.None);
        status.Points.Single().StringValue.Should().Be("Occupied");
    }
}
