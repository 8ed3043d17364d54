using System.Xml.Linq;
using Quoalise.IntegrationTests.Support;
using Quoalise.Testing.Servers;
using Quoalise.Testing.Xml;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Ejabberd;

/// <summary>
/// The component behind a real ejabberd (an <c>ejabberd_service</c> listener, the component domain not among the
/// served hosts), driven by real slixmpp clients: what a user does from Gajim, as over Prosody.
/// </summary>
[NonParallelizable] // One ejabberd, one component and two logged-in clients shared by the fixture's tests.
public class CommandsOverEjabberdTests
{
    private const string Component = "quoalise.localhost";
    private const string CommandsNode = "http://jabber.org/protocol/commands";
    private static readonly XNamespace DiscoItems = "http://jabber.org/protocol/disco#items";

    private EjabberdServer _ejabberd = null!;
    private QuoaliseHost _host = null!;
    private SlixmppClient _admin = null!;
    private SlixmppClient _stranger = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _ejabberd = new EjabberdServer();
        var component = _ejabberd.AddComponent(Component);
        await _ejabberd.StartAsync();
        await Task.WhenAll(_ejabberd.RegisterUserAsync("admin", "admin-pw"), _ejabberd.RegisterUserAsync("stranger", "stranger-pw"));

        var settings = QuoaliseHost.SettingsFor(_ejabberd, component);
        settings["Access:Admins:0"] = "admin@localhost";
        _host = await QuoaliseHost.StartAsync(settings);
        _admin = await SlixmppClient.ConnectAsync("admin@localhost", "admin-pw", _ejabberd.C2sPort);
        _stranger = await SlixmppClient.ConnectAsync("stranger@localhost", "stranger-pw", _ejabberd.C2sPort);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var client in new[] { _admin, _stranger })
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        var errors = _ejabberd.ErrorLogLines;
        await _ejabberd.DisposeAsync();
        errors.Should().BeEmpty("ejabberd logs no error while serving the component");
    }

    [Test]
    public async Task Ejabberd_accepts_the_handshake_and_lists_the_component_among_its_services()
    {
        var items = await _stranger.DiscoItemsAsync(_ejabberd.Domain);

        _ejabberd.Output.Should().Contain($"Accepted external component handshake authentication for {Component}");
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
    public async Task The_command_list_holds_what_each_requester_may_run()
    {
        static async Task<List<string>> NodesAsync(SlixmppClient client)
        {
            var reply = await client.DiscoItemsAsync(Component, CommandsNode);
            var query = reply.Elements().Single();
            ((string?)query.Attribute("node")).Should().Be(CommandsNode);
            query.Elements().Select(i => (string?)i.Attribute("jid")).Should().AllBe(Component);
            return query.Elements().Select(i => (string)i.Attribute("node")!).ToList();
        }

        (await NodesAsync(_admin)).Should().Contain(["list_series", "component_status", "get_audit_trail"]);
        (await NodesAsync(_stranger)).Should().BeEmpty();
    }

    [Test]
    public async Task One_shot_execute_completes_at_once()
    {
        var reply = new CommandReply(await _admin.ExecuteCommandAsync(Component, "component_status"));

        reply.Status.Should().Be("completed");
        reply.SessionId.Should().MatchRegex("^[0-9a-f]{32}$");
        reply.Field("xmpp").Should().Be("online");
    }

    [Test]
    public async Task Interactive_execute_offers_the_form_and_complete_runs_it_in_the_same_session()
    {
        var stage = new CommandReply(await _admin.ExecuteCommandAsync(Component, "list_series"));

        stage.Status.Should().Be("executing");
        stage.DefaultAction.Should().Be("complete");
        stage.Form.Field("prefix").Should().NotBeNull();

        var done = new CommandReply(await _admin.ExecuteCommandAsync(Component, "list_series", Fields.Of(("prefix", "urn:dev:")), "complete", stage.SessionId));

        done.Status.Should().Be("completed");
        done.SessionId.Should().Be(stage.SessionId);
        done.Field("count").Should().Be("0");
    }

    [Test]
    public async Task Errors_come_back_through_ejabberd_unchanged()
    {
        var unknown = new CommandReply(await _admin.ExecuteCommandAsync(Component, "no_such_command"));
        var forbidden = new CommandReply(await _stranger.ExecuteCommandAsync(Component, "component_status"));

        unknown.ErrorCondition.Should().Be("item-not-found");
        forbidden.ErrorType.Should().Be("cancel");
        forbidden.ErrorCondition.Should().Be("forbidden");
        forbidden.ErrorText.Should().Contain("stranger@localhost");
    }

    [Test]
    public async Task Ping_and_version_answer()
    {
        var ping = await _stranger.PingAsync(Component);
        var version = await _stranger.VersionAsync(Component);

        ((string?)ping.Attribute("type")).Should().Be("result");
        ((string?)ping.Attribute("from")).Should().Be(Component);
        XmlComparison.Diff(version.Elements().Single(), $"""
            <query xmlns='jabber:iq:version'><name>Quoalise</name><version>{XmlComparison.Any}</version></query>
            """).Should().BeNull();
    }
}
