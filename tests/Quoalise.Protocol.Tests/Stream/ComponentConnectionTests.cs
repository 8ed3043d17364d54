using System.Text;
using System.Xml.Linq;
using Quoalise.Protocol.Stanzas;
using Quoalise.Protocol.Stream;
using Quoalise.Protocol.Tests.Support;
using Quoalise.Protocol.Xml;
using Quoalise.Testing.Streams;
using Quoalise.Testing.Xml;
using Quoalise.Testing.Xmpp;

namespace Quoalise.Protocol.Tests.Stream;

public class ComponentConnectionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Opens_the_stream_to_our_domain_and_answers_the_handshake_with_the_digest()
    {
        var (client, serverEnd) = DuplexPipe.CreatePair();
        await using var server = new FakeComponentServer(serverEnd);
        var open = ComponentConnection.OpenAsync(client, null, TestOptions.Connection, CancellationToken.None);

        var header = await server.OpenAsync("3BF96D32", "quoalise.localhost");
        var handshake = await server.ReceiveAsync(Timeout);
        await server.SendAsync("<handshake/>");
        await using var connection = await open.WaitAsync(Timeout);

        header.To.Should().Be(TestOptions.Domain);
        header.Version.Should().BeNull();
        XmlComparison.Diff(handshake, $"<handshake xmlns='jabber:component:accept'>{Xep0114.HandshakeDigest("3BF96D32", TestOptions.Secret)}</handshake>").Should().BeNull();
        connection.StreamId.Should().Be("3BF96D32");
    }

    [Test]
    public async Task A_wrong_secret_surfaces_as_a_not_authorized_configuration_error()
    {
        var (client, serverEnd) = DuplexPipe.CreatePair();
        await using var server = new FakeComponentServer(serverEnd);
        var open = ComponentConnection.OpenAsync(client, null, TestOptions.Connection, CancellationToken.None);

        await server.OpenAsync("id1", "quoalise.localhost");
        await server.ReceiveAsync(Timeout);
        await server.RefuseAsync("not-authorized", "Given token does not match calculated token");

        var error = (await open.Invoking(t => t.WaitAsync(Timeout)).Should().ThrowAsync<StreamErrorException>()).Which;
        error.Condition.Should().Be(StreamErrorCondition.NotAuthorized);
        error.Text.Should().Be("Given token does not match calculated token");
        error.IsConfigurationError.Should().BeTrue();
    }

    [Test]
    public async Task An_unknown_domain_refused_in_the_same_write_as_the_header_is_understood()
    {
        var (client, serverEnd) = DuplexPipe.CreatePair();
        var open = ComponentConnection.OpenAsync(client, null, TestOptions.Connection, CancellationToken.None);

        // Prosody 0.12: header without id, error and close, all at once (research §1.3).
        await serverEnd.WriteAsync(Encoding.UTF8.GetBytes(
            "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept' version='1.0' id=''>"
            + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>nope</text></stream:error></stream:stream>"));

        var error = (await open.Invoking(t => t.WaitAsync(Timeout)).Should().ThrowAsync<StreamErrorException>()).Which;
        error.Condition.Should().Be(StreamErrorCondition.HostUnknown);
        error.IsConfigurationError.Should().BeTrue();
    }

    [Test]
    public async Task A_conflict_is_not_a_configuration_error()
    {
        var (client, serverEnd) = DuplexPipe.CreatePair();
        await using var server = new FakeComponentServer(serverEnd);
        var open = ComponentConnection.OpenAsync(client, null, TestOptions.Connection, CancellationToken.None);

        await server.OpenAsync("id1", "quoalise.localhost");
        await server.ReceiveAsync(Timeout);
        await server.RefuseAsync("conflict", "Component already connected");

        (await open.Invoking(t => t.WaitAsync(Timeout)).Should().ThrowAsync<StreamErrorException>())
            .Which.IsConfigurationError.Should().BeFalse();
    }

    [Test]
    public async Task A_silent_server_times_the_handshake_out()
    {
        var (client, _) = DuplexPipe.CreatePair();
        var options = TestOptions.Connection with { HandshakeTimeout = TimeSpan.FromMilliseconds(200) };

        var open = ComponentConnection.OpenAsync(client, null, options, CancellationToken.None);

        await open.Invoking(t => t.WaitAsync(Timeout)).Should().ThrowAsync<TimeoutException>();
    }

    [Test]
    public async Task Refuses_to_send_a_stanza_without_to_or_with_a_foreign_from()
    {
        var (connection, _) = await ConnectedAsync();
        await using var _connection = connection;

        var noTo = new XElement(XmppNames.Message, new XAttribute("from", "quoalise.localhost"));
        var foreign = new XElement(XmppNames.Message, new XAttribute("from", "evil.example"), new XAttribute("to", "a@b"));

        await connection.Invoking(c => c.SendAsync(noTo, CancellationToken.None)).Should().ThrowAsync<ArgumentException>().WithMessage("*'to'*");
        await connection.Invoking(c => c.SendAsync(foreign, CancellationToken.None)).Should().ThrowAsync<ArgumentException>().WithMessage("*'from'*");
    }

    [Test]
    public async Task Never_sends_a_stanza_over_the_outgoing_cap_and_stays_usable()
    {
        var (connection, server) = await ConnectedAsync();
        await using var _connection = connection;
        await using var _server = server;
        var big = Stanza.Message(Jid.Parse("quoalise.localhost"), Jid.Parse("a@b"), null, new XElement(XmppNames.Body, new string('x', 300 * 1024)));
        var small = Stanza.Message(Jid.Parse("x@quoalise.localhost/r"), Jid.Parse("a@b"), null, new XElement(XmppNames.Body, "ok"));

        await connection.Invoking(c => c.SendAsync(big, CancellationToken.None)).Should().ThrowAsync<StanzaTooLargeException>();
        await connection.SendAsync(small, CancellationToken.None);

        (await server.ReceiveAsync(Timeout)).Value.Should().Be("ok");
    }

    [Test]
    public void Writes_utf8_without_a_byte_order_mark()
    {
        var bytes = StanzaWriter.Serialize(new XElement(XmppNames.Message, new XElement(XmppNames.Body, "é")));

        bytes[0].Should().Be((byte)'<');
        Encoding.UTF8.GetString(bytes).Should().Be("<message xmlns=\"jabber:component:accept\"><body>é</body></message>");
    }

    [Test]
    public async Task A_stream_error_from_the_server_is_thrown_by_read()
    {
        var (connection, server) = await ConnectedAsync();
        await using var _connection = connection;
        await using var _server = server;

        await server.RefuseAsync("system-shutdown", "bye");

        (await connection.Invoking(c => c.ReadAsync().WaitAsync(Timeout)).Should().ThrowAsync<StreamErrorException>())
            .Which.Should().Match<StreamErrorException>(e => e.Condition == "system-shutdown" && e.FromPeer);
    }

    private static async Task<(ComponentConnection Connection, FakeComponentServer Server)> ConnectedAsync()
    {
        var (client, serverEnd) = DuplexPipe.CreatePair();
        var server = new FakeComponentServer(serverEnd);
        var open = ComponentConnection.OpenAsync(client, null, TestOptions.Connection, CancellationToken.None);
        await server.AcceptAsync(TestOptions.Domain, TestOptions.Secret);
        return (await open.WaitAsync(Timeout), server);
    }
}
