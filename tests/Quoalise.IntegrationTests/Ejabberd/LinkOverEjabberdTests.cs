using Quoalise.IntegrationTests.Support;
using Quoalise.Protocol.Stream;
using Quoalise.Testing.Servers;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Ejabberd;

/// <summary>
/// The component link against ejabberd's own answers: its refusals (a bare <c>not-authorized</c>, a
/// <c>conflict</c> for a served domain), a restart, and its TLS component listener. Each test has its own servers.
/// </summary>
public class LinkOverEjabberdTests
{
    private const string Component = "quoalise.localhost";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Event ids of the protocol library's link log lines (Quoalise.Protocol/ProtocolEventId.cs).
    private const int LinkOnline = 1001;
    private const int LinkLost = 1002;
    private const int LinkConfigurationError = 1003;

    [Test]
    public async Task Comes_back_online_after_an_ejabberd_restart_and_serves_again()
    {
        await using var ejabberd = new EjabberdServer();
        var component = ejabberd.AddComponent(Component);
        await ejabberd.StartAsync();
        await ejabberd.RegisterUserAsync("alice", "pw");
        var settings = QuoaliseHost.SettingsFor(ejabberd, component);

        // ejabberd is back about 2.5 s after the stop: a one-second cap keeps the retries from overshooting it.
        settings["Xmpp:ReconnectMaxDelay"] = "00:00:01";
        await using var host = await QuoaliseHost.StartAsync(settings);

        await ejabberd.RestartAsync();
        var lost = await host.Logs.WaitForAsync(CapturedLogs.WithEventId(LinkLost), Timeout);
        await host.Link.WhenOnline.WaitAsync(Timeout);
        await using var alice = await SlixmppClient.ConnectAsync("alice@localhost", "pw", ejabberd.C2sPort);
        var ping = await alice.PingAsync(Component);

        lost.RenderMessage().Should().Contain("closed the connection", "ejabberd 23.01 drops component streams on shutdown without a stream error");
        ((string?)ping.Attribute("type")).Should().Be("result");
        host.Logs.Count(CapturedLogs.WithEventId(LinkOnline)).Should().Be(2);
        ejabberd.ErrorLogLines.Should().BeEmpty();
    }

    [Test]
    public async Task A_wrong_secret_is_logged_as_a_configuration_error_naming_the_setting_retried_and_recovered_once_fixed()
    {
        await using var ejabberd = new EjabberdServer();
        var component = ejabberd.AddComponent(Component);
        await ejabberd.StartAsync();
        var settings = QuoaliseHost.SettingsFor(ejabberd, component);
        settings["Xmpp:Secret"] = "wrong";
        settings["Xmpp:ConfigurationErrorDelay"] = "00:00:00.300";
        await using var host = await QuoaliseHost.StartAsync(settings, waitOnline: false);
        host.ExpectErrors(CapturedLogs.WithEventId(LinkConfigurationError));

        var refusal = await host.Logs.WaitForAsync(CapturedLogs.WithEventId(LinkConfigurationError), Timeout);
        await host.Logs.WaitForAsync(e => CapturedLogs.WithEventId(LinkConfigurationError)(e) && e != refusal, Timeout);
        host.Link.State.Should().Be(ComponentLinkState.Refused);
        refusal.RenderMessage().Should().Contain("not-authorized").And.Contain("Xmpp:Secret").And.Contain(Component);
        ejabberd.Output.Should().Contain($"Failed external component handshake authentication for {Component}");

        host.ChangeSetting("Xmpp:Secret", component.Secret);
        await host.Link.WhenOnline.WaitAsync(Timeout);
        host.Link.State.Should().Be(ComponentLinkState.Online);
    }

    [Test]
    public async Task A_component_domain_also_served_as_an_ejabberd_host_is_refused_with_conflict_and_retried()
    {
        // The mistake the README warns about: the component domain listed under hosts as well.
        await using var ejabberd = new EjabberdServer(domain: Component);
        var component = ejabberd.AddComponent(Component);
        await ejabberd.StartAsync();
        await using var host = await QuoaliseHost.StartAsync(QuoaliseHost.SettingsFor(ejabberd, component), waitOnline: false);

        var first = await host.Logs.WaitForAsync(CapturedLogs.WithEventId(LinkLost), Timeout);
        await host.Logs.WaitForAsync(e => CapturedLogs.WithEventId(LinkLost)(e) && e != first, Timeout);

        first.RenderMessage().Should().Contain("conflict").And.Contain("Unable to register route on existing local domain");
        host.Link.State.Should().NotBe(ComponentLinkState.Online);
    }

    [Test]
    public async Task Over_the_tls_listener_the_component_trusts_the_configured_authority_and_serves()
    {
        await using var ejabberd = new EjabberdServer();
        var component = ejabberd.AddComponent(Component);
        ejabberd.EnableComponentTls();
        await ejabberd.StartAsync();
        await ejabberd.RegisterUserAsync("alice", "pw");
        var settings = TlsSettings(ejabberd, component);
        settings["Xmpp:TlsCertificateAuthority"] = ejabberd.CertificateAuthority.CertificatePath;

        await using var host = await QuoaliseHost.StartAsync(settings);
        await using var alice = await SlixmppClient.ConnectAsync("alice@localhost", "pw", ejabberd.C2sPort);
        var ping = await alice.PingAsync(Component);

        ((string?)ping.Attribute("type")).Should().Be("result");
        ejabberd.Output.Should().Contain($"Accepted external component handshake authentication for {Component}");
        ejabberd.ErrorLogLines.Should().BeEmpty();
    }

    [Test]
    public async Task Over_the_tls_listener_a_certificate_the_system_does_not_trust_keeps_the_component_out()
    {
        await using var ejabberd = new EjabberdServer();
        var component = ejabberd.AddComponent(Component);
        ejabberd.EnableComponentTls();
        await ejabberd.StartAsync();

        await using var host = await QuoaliseHost.StartAsync(TlsSettings(ejabberd, component), waitOnline: false);
        var lost = await host.Logs.WaitForAsync(CapturedLogs.WithEventId(LinkLost), Timeout);

        lost.Exception.Should().BeOfType<System.Security.Authentication.AuthenticationException>()
            .Which.Message.Should().Contain("certificate chain");
        host.Link.State.Should().NotBe(ComponentLinkState.Online);
        ejabberd.Output.Should().NotContain("Accepted external component handshake");
    }

    private static Dictionary<string, string?> TlsSettings(EjabberdServer ejabberd, XmppComponent component)
    {
        var settings = QuoaliseHost.SettingsFor(ejabberd, component);
        settings["Xmpp:Port"] = ejabberd.ComponentTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Xmpp:UseTls"] = "true";
        return settings;
    }
}
