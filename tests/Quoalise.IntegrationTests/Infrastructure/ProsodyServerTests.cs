using System.Xml.Linq;
using Quoalise.Testing.Servers;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Infrastructure;

[Parallelizable]
public sealed class ProsodyServerTests
{
    private static readonly XNamespace Client = "jabber:client";
    private static readonly XNamespace DiscoInfo = "http://jabber.org/protocol/disco#info";
    private static readonly XNamespace DiscoItems = "http://jabber.org/protocol/disco#items";

    private ProsodyServer _prosody = null!;

    [SetUp]
    public async Task StartProsody()
    {
        _prosody = new ProsodyServer();
        _prosody.AddComponent("quoalise.localhost");
        await _prosody.StartAsync();
    }

    [TearDown]
    public async Task StopProsody()
    {
        var errors = _prosody.ErrorLogLines;
        await _prosody.DisposeAsync();
        errors.Should().BeEmpty("Prosody logs no error in a healthy test run");
    }

    [Test]
    public async Task Two_servers_run_side_by_side_on_distinct_free_loopback_ports()
    {
        await using var second = new ProsodyServer();
        await second.StartAsync();

        int[] ports = [_prosody.C2sPort, _prosody.ComponentPort, second.C2sPort, second.ComponentPort];
        ports.Should().OnlyHaveUniqueItems();
        second.IsRunning.Should().BeTrue();
    }

    [Test]
    public async Task A_registered_user_logs_in_and_pings_the_server()
    {
        var jid = await _prosody.RegisterUserAsync("alice", "alice-password");

        await using var alice = await SlixmppClient.ConnectAsync(jid, "alice-password", _prosody.C2sPort);
        var pong = await alice.PingAsync(_prosody.Domain);

        alice.Jid.Should().StartWith("alice@localhost/");
        pong.Name.Should().Be(Client + "iq");
        pong.Attribute("type")!.Value.Should().Be("result");
        pong.Attribute("from")!.Value.Should().Be("localhost");
    }

    [Test]
    public async Task The_server_describes_itself_in_disco_info_and_lists_its_component()
    {
        var jid = await _prosody.RegisterUserAsync("alice", "alice-password");
        await using var alice = await SlixmppClient.ConnectAsync(jid, "alice-password", _prosody.C2sPort);

        var info = await alice.DiscoInfoAsync(_prosody.Domain);
        var items = await alice.DiscoItemsAsync(_prosody.Domain);

        var identity = info.Element(DiscoInfo + "query")!.Element(DiscoInfo + "identity")!;
        identity.Attribute("category")!.Value.Should().Be("server");
        identity.Attribute("type")!.Value.Should().Be("im");
        info.Descendants(DiscoInfo + "feature").Select(f => f.Attribute("var")!.Value).Should().Contain("urn:xmpp:ping");
        items.Descendants(DiscoItems + "item").Select(i => i.Attribute("jid")!.Value).Should().Contain("quoalise.localhost");
    }

    [Test]
    public async Task A_restart_keeps_the_ports_and_the_accounts()
    {
        var jid = await _prosody.RegisterUserAsync("alice", "alice-password");
        var (c2s, component) = (_prosody.C2sPort, _prosody.ComponentPort);

        await _prosody.RestartAsync();
        await using var alice = await SlixmppClient.ConnectAsync(jid, "alice-password", _prosody.C2sPort);

        (_prosody.C2sPort, _prosody.ComponentPort).Should().Be((c2s, component));
        (await alice.PingAsync(_prosody.Domain)).Attribute("type")!.Value.Should().Be("result");
    }

    [Test]
    public async Task A_killed_server_starts_again_on_the_same_ports()
    {
        var jid = await _prosody.RegisterUserAsync("alice", "alice-password");

        await _prosody.KillAsync();
        _prosody.IsRunning.Should().BeFalse();
        await _prosody.StartAsync();
        await using var alice = await SlixmppClient.ConnectAsync(jid, "alice-password", _prosody.C2sPort);

        (await alice.PingAsync(_prosody.Domain)).Attribute("type")!.Value.Should().Be("result");
    }

    [Test]
    public async Task A_wrong_password_fails_the_login_and_says_so()
    {
        var jid = await _prosody.RegisterUserAsync("alice", "alice-password");

        var login = () => SlixmppClient.ConnectAsync(jid, "not-the-password", _prosody.C2sPort);

        await login.Should().ThrowAsync<InvalidOperationException>().WithMessage("*failed_auth*");
    }

    [Test]
    public void Components_are_declared_before_start()
    {
        var add = () => _prosody.AddComponent("late.localhost");

        add.Should().Throw<InvalidOperationException>().WithMessage("*before StartAsync*");
    }
}
