using System.Xml.Linq;
using Quoalise.Testing.Servers;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Ejabberd;

/// <summary>
/// The ejabberd fixture itself: private ports, accounts, restarts, and nothing left running after it. Tests that only
/// add accounts share one server (each with its own user); those that stop a server start their own.
/// </summary>
[Parallelizable]
public sealed class EjabberdServerTests
{
    private static readonly XNamespace DiscoInfo = "http://jabber.org/protocol/disco#info";
    private static readonly XNamespace DiscoItems = "http://jabber.org/protocol/disco#items";

    private EjabberdServer _ejabberd = null!;

    [OneTimeSetUp]
    public async Task StartEjabberd()
    {
        _ejabberd = new EjabberdServer();
        _ejabberd.AddComponent("quoalise.localhost");
        await _ejabberd.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopEjabberd()
    {
        var errors = _ejabberd.ErrorLogLines;
        await _ejabberd.DisposeAsync();
        errors.Should().BeEmpty("ejabberd logs no error in a healthy test run");
    }

    [Test]
    public async Task Two_servers_run_side_by_side_on_distinct_free_loopback_ports()
    {
        await using var second = new EjabberdServer();
        await second.StartAsync();
        var jid = await second.RegisterUserAsync("alice", "pw");
        await using var alice = await SlixmppClient.ConnectAsync(jid, "pw", second.C2sPort);

        int[] ports = [_ejabberd.C2sPort, _ejabberd.ComponentPort, _ejabberd.DistributionPort, second.C2sPort, second.ComponentPort, second.DistributionPort];
        ports.Should().OnlyHaveUniqueItems();
        (await alice.PingAsync(second.Domain)).Attribute("type")!.Value.Should().Be("result");
    }

    [Test]
    public async Task A_registered_user_logs_in_over_plaintext_and_the_server_describes_itself()
    {
        var jid = await _ejabberd.RegisterUserAsync("carol", "carol-password");

        await using var carol = await SlixmppClient.ConnectAsync(jid, "carol-password", _ejabberd.C2sPort);
        var info = await carol.DiscoInfoAsync(_ejabberd.Domain);
        var pong = await carol.PingAsync(_ejabberd.Domain);

        carol.Jid.Should().StartWith("carol@localhost/");
        var identity = info.Element(DiscoInfo + "query")!.Element(DiscoInfo + "identity")!;
        identity.Attribute("category")!.Value.Should().Be("server");
        identity.Attribute("name")!.Value.Should().Be("ejabberd");
        pong.Attribute("type")!.Value.Should().Be("result");
    }

    [Test]
    public async Task Registering_again_resets_the_password()
    {
        var jid = await _ejabberd.RegisterUserAsync("dave", "first");

        await _ejabberd.RegisterUserAsync("dave", "second \"quoted\" \\ é");
        var withOld = () => SlixmppClient.ConnectAsync(jid, "first", _ejabberd.C2sPort);
        await using var withNew = await SlixmppClient.ConnectAsync(jid, "second \"quoted\" \\ é", _ejabberd.C2sPort);

        await withOld.Should().ThrowAsync<InvalidOperationException>().WithMessage("*failed_auth*");
        withNew.Jid.Should().StartWith("dave@localhost/");
    }

    [Test]
    public async Task A_restart_keeps_the_ports_and_the_accounts()
    {
        await using var ejabberd = new EjabberdServer();
        await ejabberd.StartAsync();
        var jid = await ejabberd.RegisterUserAsync("alice", "alice-password");
        var ports = (ejabberd.C2sPort, ejabberd.ComponentPort, ejabberd.DistributionPort);

        await ejabberd.RestartAsync();
        await using var alice = await SlixmppClient.ConnectAsync(jid, "alice-password", ejabberd.C2sPort);
        await ejabberd.RegisterUserAsync("bob", "bob-password");

        (ejabberd.C2sPort, ejabberd.ComponentPort, ejabberd.DistributionPort).Should().Be(ports);
        (await alice.PingAsync(ejabberd.Domain)).Attribute("type")!.Value.Should().Be("result");
        ejabberd.ErrorLogLines.Should().BeEmpty();
    }

    [Test]
    public async Task A_killed_server_starts_again_on_the_same_ports_with_its_accounts()
    {
        await using var ejabberd = new EjabberdServer();
        await ejabberd.StartAsync();
        var jid = await ejabberd.RegisterUserAsync("alice", "alice-password");

        await ejabberd.KillAsync();
        ejabberd.IsRunning.Should().BeFalse();
        await ejabberd.StartAsync();
        await using var alice = await SlixmppClient.ConnectAsync(jid, "alice-password", ejabberd.C2sPort);

        (await alice.PingAsync(ejabberd.Domain)).Attribute("type")!.Value.Should().Be("result");
    }

    [Test]
    public async Task A_connected_component_is_listed_in_the_server_disco_items()
    {
        var jid = await _ejabberd.RegisterUserAsync("erin", "erin-password");
        var component = _ejabberd.Components.Single();
        await using var reference = await SlixmppComponent.ConnectAsync(component.Domain, component.Secret, _ejabberd.ComponentPort);
        await using var erin = await SlixmppClient.ConnectAsync(jid, "erin-password", _ejabberd.C2sPort);

        var items = await erin.DiscoItemsAsync(_ejabberd.Domain);

        items.Descendants(DiscoItems + "item").Select(i => i.Attribute("jid")!.Value).Should().Contain(component.Domain);
    }

    [Test]
    public async Task Accounts_are_made_through_the_running_node_and_components_declared_before_start()
    {
        await using var stopped = new EjabberdServer();

        var register = () => stopped.RegisterUserAsync("alice", "pw");
        var add = () => _ejabberd.AddComponent("late.localhost");

        await register.Should().ThrowAsync<InvalidOperationException>().WithMessage("*StartAsync first*");
        add.Should().Throw<InvalidOperationException>().WithMessage("*before StartAsync*");
    }

    [Test]
    public async Task Disposing_leaves_no_erlang_process_behind()
    {
        var server = new EjabberdServer();
        var folder = server.DataDirectory;
        try
        {
            await server.StartAsync();
            await server.RegisterUserAsync("alice", "pw");
        }
        finally
        {
            await server.DisposeAsync();
        }

        ProcessesMentioning(folder).Should().BeEmpty("the VM and its helpers die with the fixture");
        Directory.Exists(folder).Should().BeFalse();
    }

    // Every process of an instance carries its data folder on its command line (-home, -mnesia dir).
    private static List<string> ProcessesMentioning(string text) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Where(dir => int.TryParse(Path.GetFileName(dir), out _))
            .Select(dir =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                }
                catch (IOException)
                {
                    return string.Empty; // the process ended while we looked
                }
                catch (UnauthorizedAccessException)
                {
                    return string.Empty; // another user's process
                }
            })
            .Where(commandLine => commandLine.Contains(text, StringComparison.Ordinal))];
}
