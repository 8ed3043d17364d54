using Quoalise.IntegrationTests.Support;
using Quoalise.Protocol.Stream;
using Quoalise.Testing.Servers;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Ejabberd;

/// <summary>
/// The component link against ejabberd's own answers: a <c>conflict</c> for a served domain, and its TLS component
/// listener (restarts and a wrong secret, against both servers: LinkAcrossXmppServersTests). Each test has its own
/// servers.
/// </summary>
public class LinkOverEjabberdTests
{
    private const string Component = "quoalise.localhost";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_component_domain_also_served_as_an_ejabberd_host_is_refused_with_conflict_and_retried()
    {
        // The mistake the README warns about: the component domain listed under hosts as well.
        await using var ejabberd = new EjabberdServer(domain: Component);
        var component = ejabberd.AddComponent(Component);
        await ejabberd.StartAsync();
        await using var host = await QuoaliseHost.StartAsync(QuoaliseHost.SettingsFor(ejabberd, component), waitOnline: false);

        var first = await host.Logs.WaitForAsync(CapturedLogs.WithEventId(LinkEvents.Lost), Timeout);
        await host.Logs.WaitForAsync(e => CapturedLogs.WithEventId(LinkEvents.Lost)(e) && e != first, Timeout);

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
        var lost = await host.Logs.WaitForAsync(CapturedLogs.WithEventId(LinkEvents.Lost), Timeout);

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
