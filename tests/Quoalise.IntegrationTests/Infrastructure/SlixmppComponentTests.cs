using System.Xml.Linq;
using Quoalise.Testing.Servers;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Infrastructure;

/// <summary>XEP-0114 through a real Prosody, with slixmpp's ComponentXMPP standing in for Quoalise.</summary>
[Parallelizable]
public sealed class SlixmppComponentTests
{
    private static readonly XNamespace DiscoInfo = "http://jabber.org/protocol/disco#info";
    private static readonly XNamespace Commands = "http://jabber.org/protocol/commands";
    private static readonly XNamespace DataForms = "jabber:x:data";

    private ProsodyServer _prosody = null!;
    private XmppComponent _component = null!;
    private string _alice = null!;
    private string? _expectedError;

    [SetUp]
    public async Task StartProsody()
    {
        _prosody = new ProsodyServer();
        _component = _prosody.AddComponent("reference.localhost");
        await _prosody.StartAsync();
        _alice = await _prosody.RegisterUserAsync("alice", "alice-password");
    }

    [TearDown]
    public async Task StopProsody()
    {
        var errors = _prosody.ErrorLogLines
            .Where(line => _expectedError is null || !line.Contains(_expectedError, StringComparison.Ordinal))
            .ToList();
        await _prosody.DisposeAsync();
        errors.Should().BeEmpty("Prosody logs no error in a healthy test run");
    }

    [Test]
    public async Task The_component_completes_the_handshake_and_answers_disco_info()
    {
        await using var component = await SlixmppComponent.ConnectAsync(_component.Domain, _component.Secret, _prosody.ComponentPort);
        await using var alice = await SlixmppClient.ConnectAsync(_alice, "alice-password", _prosody.C2sPort);

        var info = await alice.DiscoInfoAsync(_component.Domain);

        info.Attribute("type")!.Value.Should().Be("result");
        var identity = info.Descendants(DiscoInfo + "identity").Single();
        identity.Attribute("category")!.Value.Should().Be("component");
        info.Descendants(DiscoInfo + "feature").Select(f => f.Attribute("var")!.Value)
            .Should().Contain(Commands.NamespaceName);
    }

    [Test]
    public async Task A_command_runs_in_two_steps_with_a_submitted_form()
    {
        await using var component = await SlixmppComponent.ConnectAsync(_component.Domain, _component.Secret, _prosody.ComponentPort);
        await using var alice = await SlixmppClient.ConnectAsync(_alice, "alice-password", _prosody.C2sPort);

        var form = (await alice.ExecuteCommandAsync(_component.Domain, "echo")).Element(Commands + "command")!;
        var done = (await alice.ExecuteCommandAsync(
            _component.Domain,
            "echo",
            new Dictionary<string, IReadOnlyList<string>> { ["text"] = ["bonjour <&> true"] },
            action: "complete",
            sessionId: form.Attribute("sessionid")!.Value)).Element(Commands + "command")!;

        form.Attribute("status")!.Value.Should().Be("executing");
        form.Element(DataForms + "x")!.Element(DataForms + "field")!.Attribute("var")!.Value.Should().Be("text");
        done.Attribute("status")!.Value.Should().Be("completed");
        done.Element(Commands + "note")!.Value.Should().Be("bonjour <&> true");
    }

    [Test]
    public async Task A_wrong_secret_gets_not_authorized()
    {
        await using var component = SlixmppComponent.Start(_component.Domain, "wrong-secret", _prosody.ComponentPort);

        var condition = await component.WaitForStreamErrorAsync();

        condition.Should().Be("not-authorized");
    }

    [Test]
    public async Task The_component_reconnects_after_the_server_restarts()
    {
        await using var component = await SlixmppComponent.ConnectAsync(_component.Domain, _component.Secret, _prosody.ComponentPort);

        await _prosody.RestartAsync();
        await component.WaitForSessionAsync(2);
        await using var alice = await SlixmppClient.ConnectAsync(_alice, "alice-password", _prosody.C2sPort);

        (await alice.PingAsync(_component.Domain)).Attribute("type")!.Value.Should().Be("result");
    }

    [Test]
    public async Task By_default_a_second_connection_for_the_same_domain_is_refused()
    {
        await using var first = await SlixmppComponent.ConnectAsync(_component.Domain, _component.Secret, _prosody.ComponentPort);
        await using var second = SlixmppComponent.Start(_component.Domain, _component.Secret, _prosody.ComponentPort, reconnect: false);

        (await second.WaitForStreamErrorAsync()).Should().Be("conflict");
        _expectedError = "Second component attempted to connect, denying connection"; // Prosody logs the refusal as an error
    }

    [Test]
    public async Task With_kick_old_a_second_connection_replaces_the_first()
    {
        await _prosody.StopAsync();
        _prosody.ComponentConflictResolution = ComponentConflictResolution.KickOld;
        await _prosody.StartAsync();
        await using var first = await SlixmppComponent.ConnectAsync(
            _component.Domain, _component.Secret, _prosody.ComponentPort, reconnect: false);

        await using var second = await SlixmppComponent.ConnectAsync(_component.Domain, _component.Secret, _prosody.ComponentPort);

        (await first.WaitForStreamErrorAsync()).Should().Be("conflict");
    }
}
