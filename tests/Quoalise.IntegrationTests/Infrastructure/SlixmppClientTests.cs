using System.Xml.Linq;
using Quoalise.Testing.Servers;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Infrastructure;

/// <summary>The slixmpp driver itself, against one Prosody shared by the tests of this fixture.</summary>
[Parallelizable]
public sealed class SlixmppClientTests
{
    private static readonly XNamespace Client = "jabber:client";
    private static readonly XNamespace Stanzas = "urn:ietf:params:xml:ns:xmpp-stanzas";
    private static readonly XNamespace Version = "jabber:iq:version";

    private ProsodyServer _prosody = null!;
    private SlixmppClient _alice = null!;

    [OneTimeSetUp]
    public async Task StartProsody()
    {
        _prosody = new ProsodyServer();
        await _prosody.StartAsync();
        var alice = await _prosody.RegisterUserAsync("alice", "alice-password");
        await _prosody.RegisterUserAsync("bob", "bob-password");
        _alice = await SlixmppClient.ConnectAsync(alice, "alice-password", _prosody.C2sPort);
    }

    [OneTimeTearDown]
    public async Task StopProsody()
    {
        await _alice.DisposeAsync();
        var errors = _prosody.ErrorLogLines;
        await _prosody.DisposeAsync();
        errors.Should().BeEmpty("Prosody logs no error in a healthy test run");
    }

    [Test]
    public async Task An_error_reply_comes_back_as_the_stanza()
    {
        var reply = await _alice.SendIqAsync("<iq type='get' to='localhost'><nothing xmlns='urn:quoalise:test:unknown'/></iq>");

        reply.Attribute("type")!.Value.Should().Be("error");
        reply.Element(Client + "error")!.Element(Stanzas + "service-unavailable").Should().NotBeNull();
    }

    [Test]
    public async Task Software_version_names_prosody_0_12()
    {
        var reply = await _alice.VersionAsync(_prosody.Domain);

        var query = reply.Element(Version + "query")!;
        query.Element(Version + "name")!.Value.Should().Be("Prosody");
        query.Element(Version + "version")!.Value.Should().StartWith("0.12");
    }

    [Test]
    public async Task Concurrent_requests_each_get_their_own_reply()
    {
        var pings = Enumerable.Range(0, 20).Select(_ => _alice.PingAsync(_prosody.Domain));

        var replies = await Task.WhenAll(pings);

        replies.Should().AllSatisfy(r => r.Attribute("type")!.Value.Should().Be("result"));
        replies.Select(r => r.Attribute("id")!.Value).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public async Task Messages_are_queued_in_order_and_none_left_gives_null()
    {
        await using var bob = await SlixmppClient.ConnectAsync("bob@localhost/messages", "bob-password", _prosody.C2sPort);
        await bob.SetPresenceAsync(priority: 5);

        await _alice.SendMessageAsync("<message to='bob@localhost/messages' type='chat'><body>one</body></message>");
        await _alice.SendMessageAsync("<message to='bob@localhost' type='chat'><body>two</body></message>");

        var first = await bob.NextMessageAsync(TimeSpan.FromSeconds(10));
        var second = await bob.NextMessageAsync(TimeSpan.FromSeconds(10));
        var none = await bob.NextMessageAsync(TimeSpan.FromMilliseconds(300));
        first!.Element(Client + "body")!.Value.Should().Be("one");
        first.Attribute("from")!.Value.Should().Be(_alice.Jid);
        second!.Element(Client + "body")!.Value.Should().Be("two");
        none.Should().BeNull();
    }

    [Test]
    public async Task A_bad_request_gets_an_error_and_the_driver_keeps_working()
    {
        var malformed = () => _alice.SendIqAsync("<iq type='get'");
        var reply = () => _alice.SendIqAsync("<iq type='result' to='localhost'/>");

        await malformed.Should().ThrowAsync<InvalidOperationException>().WithMessage("*ParseError*");
        await reply.Should().ThrowAsync<InvalidOperationException>().WithMessage("*get or set*");
        (await _alice.PingAsync(_prosody.Domain)).Attribute("type")!.Value.Should().Be("result");
    }

    [Test]
    public async Task After_disconnecting_requests_fail_with_the_reason()
    {
        await using var bob = await SlixmppClient.ConnectAsync("bob@localhost/leaving", "bob-password", _prosody.C2sPort);

        await bob.DisconnectAsync();
        var ping = () => bob.PingAsync(_prosody.Domain);

        await ping.Should().ThrowAsync<InvalidOperationException>().WithMessage("*not running*");
    }
}
