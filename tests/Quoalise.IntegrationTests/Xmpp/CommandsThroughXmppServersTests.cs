using System.Xml.Linq;
using Quoalise.IntegrationTests.Support;
using Quoalise.Testing.Xml;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Xmpp;

/// <summary>
/// The component behind a real Prosody and a real ejabberd, driven by real slixmpp clients: discovery, the
/// command list per permission, one-shot and interactive execution and every XEP-0050 error a client can provoke.
/// Each server's error log stays empty throughout (checked when the test bed stops).
/// </summary>
[TestFixture(XmppServerKind.Prosody)]
[TestFixture(XmppServerKind.Ejabberd)]
[NonParallelizable] // One server, one component and three logged-in clients shared by the fixture's tests.
public class CommandsThroughXmppServersTests(XmppServerKind server)
{
    private const string Component = "quoalise.localhost";
    private static readonly XNamespace DiscoItems = "http://jabber.org/protocol/disco#items";

    private XmppTestBed _bed = null!;
    private QuoaliseHost _host = null!;
    private FrameworkTestAdapter _adapter = null!;
    private SlixmppClient _admin = null!;
    private SlixmppClient _reader = null!;
    private SlixmppClient _stranger = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _bed = await XmppTestBed.StartAsync(server, Component, "admin", "reader", "stranger");
        var settings = _bed.Settings();
        settings["Access:Admins:0"] = "admin@localhost";
        settings["Access:Grants:0:Subject"] = "reader@localhost";
        settings["Access:Grants:0:Role"] = "read";
        settings["Commands:SessionIdleTimeout"] = "00:00:01";
        settings["Xmpp:MaxIncomingStanzaBytes"] = "65536";
        _adapter = new FrameworkTestAdapter();
        _host = await QuoaliseHost.StartAsync(settings, [_adapter]);
        _admin = await _bed.ConnectAsync("admin");
        _reader = await _bed.ConnectAsync("reader");
        _stranger = await _bed.ConnectAsync("stranger");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _bed.DisposeAsync();
    }

    [Test]
    public async Task The_server_accepts_the_handshake_and_lists_the_component_among_its_services()
    {
        var items = await _stranger.DiscoItemsAsync(_bed.Server.Domain);

        items.Descendants(DiscoItems + "item").Select(i => (string?)i.Attribute("jid")).Should().Contain(Component);
    }

    [Test]
    public async Task Disco_info_announces_a_generic_component_with_commands_ping_and_version()
    {
        var reply = await _stranger.DiscoInfoAsync(Component);

        XmlComparison.Diff(reply, """
            <iq xmlns='jabber:client' type='result' id='{any}' from='quoalise.localhost' to='{any}' xml:lang='{any}'>
              <query xmlns='http://jabber.org/protocol/disco#info'>
                <identity category='component' type='generic' name='Quoalise'/>
                <feature var='http://jabber.org/protocol/commands'/>
                <feature var='http://jabber.org/protocol/disco#info'/>
                <feature var='http://jabber.org/protocol/disco#items'/>
                <feature var='jabber:iq:version'/>
                <feature var='urn:xmpp:ping'/>
              </query>
            </iq>
            """).Should().BeNull();
    }

    [Test]
    public async Task The_command_list_holds_exactly_what_each_requester_may_run_and_echoes_the_node()
    {
        static async Task<List<string>> NodesAsync(SlixmppClient client)
        {
            var reply = await client.DiscoItemsAsync(Component, "http://jabber.org/protocol/commands");
            var query = reply.Elements().Single();
            ((string?)query.Attribute("node")).Should().Be("http://jabber.org/protocol/commands");
            foreach (var item in query.Elements())
            {
                // Gajim builds its list from exactly these three attributes.
                item.Attributes().Select(a => a.Name.LocalName).Should().BeEquivalentTo("jid", "node", "name");
                ((string?)item.Attribute("jid")).Should().Be(Component);
            }

            return query.Elements().Select(i => (string)i.Attribute("node")!).ToList();
        }

        string[] series = ["get_history", "subscribe", "unsubscribe", "list_subscriptions", "list_series"];
        (await NodesAsync(_admin)).Should().Equal([.. series, "component_status", "get_audit_trail", "echo", "wizard", "status", "listing", "upstream", "huge"]);
        (await NodesAsync(_reader)).Should().Equal([.. series, "echo", "listing", "upstream", "huge"]);
        (await NodesAsync(_stranger)).Should().BeEmpty();
    }

    [Test]
    public async Task Command_node_info_is_a_command_node_for_those_who_may_run_it_and_forbidden_for_others()
    {
        var allowed = await _reader.DiscoInfoAsync(Component, "echo");
        var refused = new CommandReply(await _reader.DiscoInfoAsync(Component, "status"));

        XmlComparison.Diff(allowed.Elements().Single(), """
            <query xmlns='http://jabber.org/protocol/disco#info' node='echo'>
              <identity category='automation' type='command-node' name='Echo'/>
              <feature var='http://jabber.org/protocol/commands'/>
              <feature var='jabber:x:data'/>
            </query>
            """).Should().BeNull();
        refused.ErrorCondition.Should().Be("forbidden");
    }

    [Test]
    public async Task One_shot_execute_with_the_whole_form_completes_at_once_as_the_quoalise_client_does()
    {
        var reply = new CommandReply(await _reader.ExecuteCommandAsync(Component, "echo", Fields.Of(("text", "hi"), ("times", "3"))));

        reply.Status.Should().Be("completed");
        reply.SessionId.Should().MatchRegex("^[0-9a-f]{32}$");
        reply.Actions.Should().BeEmpty();
        reply.Form.Title.Should().Be("Echo");
        reply.Field("result").Should().Be("Success");
        reply.Field("echo").Should().Be("hi hi hi");
        _adapter.Requests.Should().Contain(r => r.Requester.Bare.ToString() == "reader@localhost" && r.Values.GetString("text") == "hi");
    }

    [Test]
    public async Task One_shot_with_a_wrong_value_is_bad_request_naming_the_field()
    {
        var reply = new CommandReply(await _reader.ExecuteCommandAsync(Component, "echo", Fields.Of(("text", "hi"), ("times", "9"))));

        reply.ErrorType.Should().Be("modify");
        reply.ErrorCondition.Should().Be("bad-request");
        reply.ErrorApplication!.Name.LocalName.Should().Be("bad-payload");
        reply.ErrorText.Should().Contain("Times ('times')").And.Contain("'9' is outside 1 to 5");
    }

    [Test]
    public async Task Interactive_execute_offers_the_form_and_complete_runs_it()
    {
        var stage = new CommandReply(await _reader.ExecuteCommandAsync(Component, "echo"));

        stage.Status.Should().Be("executing");
        stage.DefaultAction.Should().Be("complete");
        stage.Actions.Should().Equal("complete");
        stage.Form.FormType.Should().Be("urn:quoalise:0#echo");
        stage.Form.Field("text")!.Required.Should().BeTrue();

        var done = new CommandReply(await _reader.ExecuteCommandAsync(Component, "echo", Fields.Of(("text", "yo")), "complete", stage.SessionId));

        done.Status.Should().Be("completed");
        done.SessionId.Should().Be(stage.SessionId);
        done.Field("echo").Should().Be("yo");
    }

    [Test]
    public async Task An_invalid_interactive_submission_returns_the_same_form_with_an_error_note_and_the_values_kept()
    {
        var stage = new CommandReply(await _reader.ExecuteCommandAsync(Component, "echo"));

        var again = new CommandReply(await _reader.ExecuteCommandAsync(Component, "echo", Fields.Of(("text", "keep me"), ("times", "zero")), "complete", stage.SessionId));

        again.Status.Should().Be("executing");
        again.SessionId.Should().Be(stage.SessionId);
        again.Notes.Should().ContainSingle().Which.Should().Be(("error", "Times ('times'): 'zero' is not an integer."));
        again.Field("text").Should().Be("keep me");
        again.Field("times").Should().Be("zero");
    }

    [Test]
    public async Task A_two_stage_command_goes_next_prev_next_complete_with_stable_session_and_actions()
    {
        var first = new CommandReply(await _admin.ExecuteCommandAsync(Component, "wizard"));
        first.DefaultAction.Should().Be("next");
        first.Actions.Should().Equal("next");

        var second = new CommandReply(await _admin.ExecuteCommandAsync(Component, "wizard", Fields.Of(("colour", "blue")), "next", first.SessionId));
        second.Status.Should().Be("executing");
        second.DefaultAction.Should().Be("complete");
        second.Actions.Should().Equal("prev", "complete");
        second.Form.Fields.Should().Contain(f => f.Value == "Colour: blue");

        var back = new CommandReply(await _admin.ExecuteCommandAsync(Component, "wizard", action: "prev", sessionId: first.SessionId));
        back.Form.Title.Should().Be("Pick a colour");
        back.Field("colour").Should().Be("blue", "the values of a stage are remembered when going back");

        await _admin.ExecuteCommandAsync(Component, "wizard", Fields.Of(("colour", "red")), "next", first.SessionId);
        var done = new CommandReply(await _admin.ExecuteCommandAsync(Component, "wizard", Fields.Of(("name", "Rosie")), "complete", first.SessionId));

        new[] { second.SessionId, back.SessionId, done.SessionId }.Should().AllBe(first.SessionId);
        done.Field("summary").Should().Be("Rosie is red");
    }

    [Test]
    public async Task Actions_not_offered_at_a_stage_are_bad_action_and_unknown_ones_malformed_action()
    {
        var first = new CommandReply(await _admin.ExecuteCommandAsync(Component, "wizard"));

        var prev = new CommandReply(await _admin.ExecuteCommandAsync(Component, "wizard", action: "prev", sessionId: first.SessionId));
        var complete = new CommandReply(await _admin.ExecuteCommandAsync(Component, "wizard", Fields.Of(("colour", "red")), "complete", first.SessionId));
        var malformed = new CommandReply(await _admin.SendIqAsync(
            $"<iq type='set' to='{Component}'><command xmlns='http://jabber.org/protocol/commands' node='wizard' action='jump' sessionid='{first.SessionId}'/></iq>"));

        prev.ErrorApplication!.Name.LocalName.Should().Be("bad-action");
        complete.ErrorApplication!.Name.LocalName.Should().Be("bad-action");
        malformed.ErrorCondition.Should().Be("bad-request");
        malformed.ErrorApplication!.Name.LocalName.Should().Be("malformed-action");
    }

    [Test]
    public async Task Cancel_ends_the_session_and_the_session_then_answers_session_expired()
    {
        var stage = new CommandReply(await _reader.ExecuteCommandAsync(Component, "echo"));

        var canceled = new CommandReply(await _reader.ExecuteCommandAsync(Component, "echo", action: "cancel", sessionId: stage.SessionId));
        var late = new CommandReply(await _reader.ExecuteCommandAsync(Component, "echo", Fields.Of(("text", "x")), "complete", stage.SessionId));

        canceled.Status.Should().Be("canceled");
        canceled.SessionId.Should().Be(stage.SessionId);
        late.ErrorType.Should().Be("cancel");
        late.ErrorCondition.Should().Be("not-allowed");
        late.ErrorApplication!.Name.LocalName.Should().Be("session-expired");
    }

    [Test]
    public async Task A_session_left_idle_expires()
    {
        var stage = new CommandReply(await _reader.ExecuteCommandAsync(Component, "echo"));

        // The fixture sets a one-second idle timeout; expiry is time-based by nature.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var late = new CommandReply(await _reader.ExecuteCommandAsync(Component, "echo", Fields.Of(("text", "x")), "complete", stage.SessionId));

        late.ErrorApplication!.Name.LocalName.Should().Be("session-expired");
    }

    [Test]
    public async Task Another_jid_cannot_continue_a_session_and_an_unknown_session_is_bad_sessionid()
    {
        var stage = new CommandReply(await _admin.ExecuteCommandAsync(Component, "echo"));

        var hijack = new CommandReply(await _reader.ExecuteCommandAsync(Component, "echo", Fields.Of(("text", "x")), "complete", stage.SessionId));
        var unknown = new CommandReply(await _reader.ExecuteCommandAsync(Component, "echo", Fields.Of(("text", "x")), "complete", "deadbeef"));

        hijack.ErrorApplication!.Name.LocalName.Should().Be("bad-sessionid");
        unknown.ErrorType.Should().Be("modify");
        unknown.ErrorApplication!.Name.LocalName.Should().Be("bad-sessionid");
    }

    [Test]
    public async Task An_unknown_node_is_item_not_found_and_a_forbidden_one_is_forbidden()
    {
        var unknown = new CommandReply(await _reader.ExecuteCommandAsync(Component, "no_such_command"));
        var forbidden = new CommandReply(await _stranger.ExecuteCommandAsync(Component, "echo", Fields.Of(("text", "x"))));

        unknown.ErrorCondition.Should().Be("item-not-found");
        forbidden.ErrorType.Should().Be("cancel");
        forbidden.ErrorCondition.Should().Be("forbidden");
        forbidden.ErrorText.Should().Contain("stranger@localhost");
    }

    [Test]
    public async Task Ping_and_version_answer_and_an_unknown_namespace_is_service_unavailable()
    {
        var ping = await _stranger.PingAsync(Component);
        var version = await _stranger.VersionAsync(Component);
        var unknown = new CommandReply(await _stranger.SendIqAsync($"<iq type='get' to='{Component}'><query xmlns='urn:example:nothing'/></iq>"));
        var versionSet = new CommandReply(await _stranger.SendIqAsync($"<iq type='set' to='{Component}'><query xmlns='jabber:iq:version'/></iq>"));

        ((string?)ping.Attribute("type")).Should().Be("result");
        XmlComparison.Diff(version.Elements().Single(), $"""
            <query xmlns='jabber:iq:version'><name>Quoalise</name><version>{XmlComparison.Any}</version></query>
            """).Should().BeNull("the operating system is never disclosed");
        unknown.ErrorCondition.Should().Be("service-unavailable");
        versionSet.ErrorCondition.Should().Be("feature-not-implemented");
    }

    [Test]
    public async Task A_table_is_text_lines_by_default_and_an_xep_0004_table_first_when_asked_with_data_after_the_forms()
    {
        var text = new CommandReply(await _reader.ExecuteCommandAsync(Component, "listing", Fields.Of(("format", "text"))));
        var table = new CommandReply(await _reader.ExecuteCommandAsync(Component, "listing", Fields.Of(("format", "table"))));

        text.Forms.Should().ContainSingle();
        text.Form.Reported.Should().BeNull();
        text.Form.Field("rows")!.Values.Should().Equal("Id · State", "a · on", "b · off");
        table.Forms.Should().HaveCount(2);
        table.Forms[0].Reported!.Select(c => c.Label).Should().Equal("Id", "State");
        table.Forms[0].Items.Select(row => row.Select(c => c.Value)).Should().BeEquivalentTo(new[] { new[] { "a", "on" }, ["b", "off"] });
        table.Command!.Elements().Last().Name.LocalName.Should().Be("quoalise", "the data comes after the forms");
        SchemaValidation.AssertPayloadsValid(table.Command);
    }

    [Test]
    public async Task A_business_failure_carries_upstream_error_with_issuer_and_code()
    {
        var reply = new CommandReply(await _reader.ExecuteCommandAsync(Component, "upstream"));

        reply.ErrorCondition.Should().Be("undefined-condition");
        reply.ErrorText.Should().Be("The charger said no.");
        XmlComparison.Diff(reply.ErrorApplication!, "<upstream-error xmlns='urn:quoalise:0' issuer='CP-1' code='Rejected'/>").Should().BeNull();
        SchemaValidation.AssertValid(reply.ErrorApplication!);
    }

    [Test]
    public async Task An_answer_over_the_outgoing_cap_becomes_resource_constraint_and_the_link_stays_up()
    {
        var reply = new CommandReply(await _reader.ExecuteCommandAsync(Component, "huge"));
        var after = await _reader.PingAsync(Component);

        reply.ErrorType.Should().Be("wait");
        reply.ErrorCondition.Should().Be("resource-constraint");
        ((string?)after.Attribute("type")).Should().Be("result");
    }

    [Test]
    public async Task An_incoming_stanza_over_the_cap_is_refused_with_policy_violation_and_the_link_stays_up()
    {
        var padding = new string('x', 100 * 1024);

        var reply = new CommandReply(await _reader.SendIqAsync($"<iq type='get' to='{Component}'><query xmlns='urn:example:big'><pad>{padding}</pad></query></iq>"));
        var after = await _reader.PingAsync(Component);

        reply.ErrorCondition.Should().Be("policy-violation");
        reply.ErrorText.Should().Contain("larger than 65536 bytes");
        ((string?)after.Attribute("type")).Should().Be("result");
        _host.Link.State.Should().Be(Quoalise.Protocol.Stream.ComponentLinkState.Online);
    }

    [Test]
    public async Task Adapters_receive_messages_and_presence_as_records_with_the_server_stamped_sender()
    {
        // Prosody overwrites a forged from; ejabberd ends the session with an invalid-from stream error
        // (RFC 6120 §4.9.3.9), which would end this fixture's client too. Either way the server stamps the sender.
        var forged = server == XmppServerKind.Prosody ? " from='forged@elsewhere.example'" : string.Empty;
        await _stranger.SendMessageAsync($"<message type='chat' to='{Component}'{forged}><body>hello</body></message>");
        await _stranger.SendIqAsync($"<iq type='get' to='{Component}'><ping xmlns='urn:xmpp:ping'/></iq>");
        await _reader.SendIqAsync($"<iq type='get' to='{Component}'><ping xmlns='urn:xmpp:ping'/></iq>");

        var message = await _adapter.Message.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _reader.SendMessageAsync($"<presence to='{Component}'><show>away</show><status>lunch</status></presence>");
        var presence = await _adapter.Presence.Task.WaitAsync(TimeSpan.FromSeconds(10));

        message.From.Bare.ToString().Should().Be("stranger@localhost", "the server stamps the sender, whatever the client wrote");
        message.Type.Should().Be("chat");
        message.Body.Should().Be("hello");
        presence.From.Bare.ToString().Should().Be("reader@localhost");
        presence.Type.Should().BeEmpty("available presence has no type");
        presence.Show.Should().Be("away");
        presence.Status.Should().Be("lunch");
    }

    [Test]
    public async Task An_iq_to_an_address_inside_our_domain_other_than_the_domain_itself_is_service_unavailable()
    {
        var reply = new CommandReply(await _reader.SendIqAsync($"<iq type='get' to='someone@{Component}'><ping xmlns='urn:xmpp:ping'/></iq>"));

        reply.ErrorCondition.Should().Be("service-unavailable");
    }
}
