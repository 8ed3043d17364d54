using System.Net;
using System.Net.Sockets;
using Quoalise.IntegrationTests.Support;
using Quoalise.Protocol.Stream;
using Quoalise.Testing.Servers;
using Quoalise.Testing.Xmpp;
using Serilog.Events;

namespace Quoalise.IntegrationTests.Xmpp;

/// <summary>
/// How the component link survives what production throws at it, against Prosody's own answers: an unknown
/// domain, a second instance, a stop, a server that sends a DTD (restarts and a wrong secret, against both
/// servers: LinkAcrossXmppServersTests). Each test has its own servers.
/// </summary>
public class LinkResilienceTests
{
    private const string Component = "quoalise.localhost";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task An_unknown_domain_is_a_configuration_error_naming_xmpp_domain()
    {
        await using var prosody = new ProsodyServer();
        var component = prosody.AddComponent(Component);
        await prosody.StartAsync();
        var settings = QuoaliseHost.SettingsFor(prosody, component);
        settings["Xmpp:Domain"] = "nope.localhost";
        await using var host = await QuoaliseHost.StartAsync(settings, waitOnline: false);
        host.ExpectErrors(CapturedLogs.WithEventId(LinkEvents.ConfigurationError));

        var refusal = await host.Logs.WaitForAsync(CapturedLogs.WithEventId(LinkEvents.ConfigurationError), Timeout);

        refusal.RenderMessage().Should().Contain("host-unknown").And.Contain("Xmpp:Domain");
    }

    [Test]
    public async Task A_second_instance_for_the_same_domain_is_refused_with_conflict_and_keeps_retrying_without_disturbing_the_first()
    {
        await using var prosody = new ProsodyServer();
        var component = prosody.AddComponent(Component);
        await prosody.StartAsync();
        await prosody.RegisterUserAsync("alice", "pw");
        await using var first = await QuoaliseHost.StartAsync(QuoaliseHost.SettingsFor(prosody, component));

        await using var second = await QuoaliseHost.StartAsync(QuoaliseHost.SettingsFor(prosody, component), waitOnline: false);
        var lost = await second.Logs.WaitForAsync(CapturedLogs.WithEventId(LinkEvents.Lost), Timeout);
        await using var alice = await SlixmppClient.ConnectAsync("alice@localhost", "pw", prosody.C2sPort);

        lost.RenderMessage().Should().Contain("conflict");
        second.Link.State.Should().NotBe(ComponentLinkState.Refused, "a conflict is transient, retried on the normal schedule");
        first.Link.State.Should().Be(ComponentLinkState.Online);
        ((string?)(await alice.PingAsync(Component)).Attribute("type")).Should().Be("result");
    }

    [Test]
    public async Task Stopping_closes_the_stream_so_prosody_knows_at_once_that_the_component_is_gone()
    {
        await using var prosody = new ProsodyServer();
        var component = prosody.AddComponent(Component);
        await prosody.StartAsync();
        await prosody.RegisterUserAsync("alice", "pw");
        await using var alice = await SlixmppClient.ConnectAsync("alice@localhost", "pw", prosody.C2sPort);
        var host = await QuoaliseHost.StartAsync(QuoaliseHost.SettingsFor(prosody, component));

        await host.DisposeAsync();
        var started = DateTime.UtcNow;
        var reply = new CommandReply(await alice.PingAsync(Component));

        reply.IsError.Should().BeTrue("Prosody bounces stanzas for a disconnected component");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(5), "the bounce is immediate, not a timeout");
    }

    [Test]
    public async Task A_server_sending_a_dtd_is_refused_and_the_component_reconnects_instead_of_dying()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var settings = new Dictionary<string, string?>
        {
            ["Xmpp:Host"] = "127.0.0.1",
            ["Xmpp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Xmpp:Domain"] = Component,
            ["Xmpp:Secret"] = "s3cret",
            ["Xmpp:ServerDomain"] = "localhost",
        };
        await using var host = await QuoaliseHost.StartAsync(settings, waitOnline: false);

        using (var hostile = await listener.AcceptTcpClientAsync().WaitAsync(Timeout))
        {
            await using var stream = hostile.GetStream();
            await stream.WriteAsync("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>]><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept' id='x'>"u8.ToArray());
            var lost = await host.Logs.WaitForAsync(CapturedLogs.WithEventId(LinkEvents.Lost), Timeout);
            lost.RenderMessage().Should().Contain("DTD");
        }

        using var honest = await listener.AcceptTcpClientAsync().WaitAsync(Timeout);
        await using var server = new FakeComponentServer(honest.GetStream());
        await server.AcceptAsync(Component, "s3cret");
        await host.Link.WhenOnline.WaitAsync(Timeout);
        host.Logs.Events.Should().NotContain(e => e.Level == LogEventLevel.Fatal);
    }
}
