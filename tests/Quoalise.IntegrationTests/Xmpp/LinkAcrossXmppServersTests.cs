using Quoalise.IntegrationTests.Support;
using Quoalise.Protocol.Stream;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Xmpp;

/// <summary>
/// What the component link must survive behind either server: the server restarting, and a wrong secret
/// fixed while the component runs. Each test has its own server.
/// </summary>
[TestFixture(XmppServerKind.Prosody)]
[TestFixture(XmppServerKind.Ejabberd)]
public class LinkAcrossXmppServersTests(XmppServerKind kind)
{
    private const string Component = "quoalise.localhost";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Comes_back_online_after_a_server_restart_and_serves_again()
    {
        await using var server = kind.Create();
        var component = server.AddComponent(Component);
        await server.StartAsync();
        await server.RegisterUserAsync("alice", "pw");
        var settings = QuoaliseHost.SettingsFor(server, component);

        // ejabberd is back about 2.5 s after a stop: a one-second cap keeps the retries from overshooting it.
        settings["Xmpp:ReconnectMaxDelay"] = "00:00:01";
        await using var host = await QuoaliseHost.StartAsync(settings);

        await server.RestartAsync();
        await host.Logs.WaitForAsync(CapturedLogs.WithEventId(LinkEvents.Lost), Timeout);
        await host.Link.WhenOnline.WaitAsync(Timeout);
        await using var alice = await SlixmppClient.ConnectAsync($"alice@{server.Domain}", "pw", server.C2sPort);
        var ping = await alice.PingAsync(Component);

        ((string?)ping.Attribute("type")).Should().Be("result");
        host.Logs.Count(CapturedLogs.WithEventId(LinkEvents.Online)).Should().Be(2);
        server.ErrorLogLines.Should().BeEmpty();
    }

    [Test]
    public async Task A_wrong_secret_is_logged_as_a_configuration_error_naming_the_setting_retried_and_recovered_once_fixed()
    {
        await using var server = kind.Create();
        var component = server.AddComponent(Component);
        await server.StartAsync();
        var settings = QuoaliseHost.SettingsFor(server, component);
        settings["Xmpp:Secret"] = "wrong";
        settings["Xmpp:ConfigurationErrorDelay"] = "00:00:00.300";
        await using var host = await QuoaliseHost.StartAsync(settings, waitOnline: false);
        host.ExpectErrors(CapturedLogs.WithEventId(LinkEvents.ConfigurationError));

        var refusal = await host.Logs.WaitForAsync(CapturedLogs.WithEventId(LinkEvents.ConfigurationError), Timeout);
        await host.Logs.WaitForAsync(e => CapturedLogs.WithEventId(LinkEvents.ConfigurationError)(e) && e != refusal, Timeout);
        host.Link.State.Should().Be(ComponentLinkState.Refused);
        refusal.RenderMessage().Should().Contain("not-authorized").And.Contain("Xmpp:Secret").And.Contain(Component);

        host.ChangeSetting("Xmpp:Secret", component.Secret);
        await host.Link.WhenOnline.WaitAsync(Timeout);
        host.Link.State.Should().Be(ComponentLinkState.Online);
    }
}
