using System.Threading.Channels;
using System.Xml.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Quoalise.Protocol.Ping;
using Quoalise.Protocol.Routing;
using Quoalise.Protocol.Stanzas;
using Quoalise.Protocol.Stream;
using Quoalise.Protocol.Tests.Support;
using Quoalise.Testing.Streams;
using Quoalise.Testing.Xml;
using Quoalise.Testing.Xmpp;

namespace Quoalise.Protocol.Tests.Stream;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class ComponentLinkTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Channel<FakeComponentServer> _servers = Channel.CreateUnbounded<FakeComponentServer>();
    private readonly TaskCompletionSource _refused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FakeLogCollector _logs = new();
    private CancellationTokenSource _stop = null!;
    private ComponentConnectionOptions _options = null!;
    private Func<ComponentConnectionOptions, CancellationToken, Task<ComponentConnection>>? _open;

    [SetUp]
    public void SetUp()
    {
        _stop = new CancellationTokenSource();
        _options = TestOptions.Connection with
        {
            ReconnectMinDelay = TimeSpan.FromMilliseconds(10),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(50),
            ConfigurationErrorDelay = TimeSpan.FromMilliseconds(100),
            KeepAliveInterval = TimeSpan.FromHours(1),
        };
    }

    [TearDown]
    public void TearDown() => _stop.Dispose();

    [Test]
    public async Task Answers_requests_through_the_router_and_reconnects_when_the_server_closes()
    {
        var (link, run) = Start();
        var first = await AcceptNextAsync();
        await link.WhenOnline.WaitAsync(Timeout);

        await first.SendAsync("<iq type='get' id='p1' from='alice@localhost/g' to='quoalise.localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        XmlComparison.Diff(await first.ReceiveAsync(Timeout),
            "<iq xmlns='jabber:component:accept' type='result' id='p1' from='quoalise.localhost' to='alice@localhost/g'/>").Should().BeNull();

        await first.SendAsync("</stream:stream>");
        (await first.ReceivesCloseAsync(Timeout)).Should().BeTrue("the component answers the server's close with its own");
        var second = await AcceptNextAsync();
        await link.WhenOnline.WaitAsync(Timeout);
        link.State.Should().Be(ComponentLinkState.Online);

        await StopAsync(run);
        await second.DisposeAsync();
    }

    [Test]
    public async Task Pings_the_server_and_drops_a_link_whose_ping_goes_unanswered()
    {
        _options = _options with { KeepAliveInterval = TimeSpan.FromMilliseconds(100), KeepAliveTimeout = TimeSpan.FromMilliseconds(300) };
        var (link, run) = Start();
        var first = await AcceptNextAsync();

        var ping = await first.ReceiveAsync(Timeout);
        XmlComparison.Diff(ping, "<iq xmlns='jabber:component:accept' type='get' id='{any}' from='quoalise.localhost' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>")
            .Should().BeNull();
        await first.SendAsync($"<iq type='result' id='{(string?)ping.Attribute("id")}' from='localhost' to='quoalise.localhost'/>");

        // The next ping goes unanswered: the link is torn down and a new connection opened.
        await first.ReceiveAsync(Timeout);
        var second = await AcceptNextAsync();
        await link.WhenOnline.WaitAsync(Timeout);

        await StopAsync(run);
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Test]
    public async Task A_refused_secret_names_the_fix_and_is_retried_on_the_slow_schedule()
    {
        var attempts = 0;
        var retried = new TaskCompletionSource();
        _open = (options, ct) =>
        {
            if (Interlocked.Increment(ref attempts) == 2)
            {
                retried.SetResult();
            }

            return Task.FromException<ComponentConnection>(new StreamErrorException(StreamErrorCondition.NotAuthorized, "Given token does not match", fromPeer: true));
        };
        var (link, run) = Start();

        await _refused.Task.WaitAsync(Timeout);
        link.State.Should().Be(ComponentLinkState.Refused);
        link.LastError.Should().Contain("not-authorized");
        await retried.Task.WaitAsync(Timeout);
        await StopAsync(run);
    }

    [Test]
    public async Task A_refusal_without_text_as_ejabberd_sends_it_is_logged_with_no_null_in_it()
    {
        var (_, run) = Start();
        var server = await _servers.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        await server.OpenAsync("3BF96D32", TestOptions.Domain);
        await server.ReceiveAsync(Timeout);

        // ejabberd 23.01's whole answer to a wrong secret or an unconfigured domain.
        await server.SendAsync("<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>");
        await _refused.Task.WaitAsync(Timeout);
        await StopAsync(run);

        var refusal = _logs.GetSnapshot().Single(r => r.Id.Id == 1003);
        refusal.Message.Should().StartWith("The XMPP server refused the component (not-authorized: no reason given). Check the secret;");
        await server.DisposeAsync();
    }

    [Test]
    public async Task Closes_the_stream_gracefully_on_shutdown()
    {
        var (link, run) = Start();
        var server = await AcceptNextAsync();
        await link.WhenOnline.WaitAsync(Timeout);

        await _stop.CancelAsync();

        (await server.ReceivesCloseAsync(Timeout)).Should().BeTrue();
        await server.SendAsync("</stream:stream>");
        await run.WaitAsync(Timeout);
        link.State.Should().Be(ComponentLinkState.Stopped);
        await server.DisposeAsync();
    }

    [Test]
    public async Task While_down_replies_are_dropped_but_other_stanzas_wait_for_the_link()
    {
        var gate = new TaskCompletionSource();
        var connect = _open ?? DefaultOpen;
        _open = async (options, ct) =>
        {
            await gate.Task;
            return await connect(options, ct);
        };
        var (link, run) = Start();
        var reply = Stanza.Iq(IqType.Result, Jid.Parse("quoalise.localhost"), Jid.Parse("a@b/c"), "r1");
        var push = Stanza.Message(Jid.Parse("quoalise.localhost"), Jid.Parse("a@b"), null, new XElement(XmppNames.Body, "pushed"));

        await link.Invoking(l => l.SendAsync(reply, CancellationToken.None)).Should().ThrowAsync<LinkUnavailableException>();
        var sending = link.SendAsync(push, CancellationToken.None);
        sending.IsCompleted.Should().BeFalse();
        gate.SetResult();
        var server = await AcceptNextAsync();
        await sending.WaitAsync(Timeout);

        (await server.ReceiveAsync(Timeout)).Value.Should().Be("pushed");
        await StopAsync(run);
        await server.DisposeAsync();
    }

    private (ComponentLink Link, Task Run) Start()
    {
        var link = new ComponentLink(
            () => _options,
            e =>
            {
                _refused.TrySetResult();
                return "the secret";
            },
            TimeProvider.System,
            new FakeLogger<ComponentLink>(_logs),
            _open ?? DefaultOpen);
        var router = new StanzaRouter(
            Jid.Parse(TestOptions.Domain),
            [new PingHandler()],
            [],
            [],
            link,
            new PerJidRateLimiter(new RateLimitOptions(600, 100), TimeProvider.System),
            NullLogger<StanzaRouter>.Instance);
        return (link, link.RunAsync(router, router, _stop.Token));
    }

    private async Task<ComponentConnection> DefaultOpen(ComponentConnectionOptions options, CancellationToken cancellationToken)
    {
        var (client, serverEnd) = DuplexPipe.CreatePair();
        await _servers.Writer.WriteAsync(new FakeComponentServer(serverEnd), cancellationToken);
        return await ComponentConnection.OpenAsync(client, null, options, cancellationToken);
    }

    private async Task<FakeComponentServer> AcceptNextAsync()
    {
        var server = await _servers.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        await server.AcceptAsync(TestOptions.Domain, TestOptions.Secret);
        return server;
    }

    private async Task StopAsync(Task run)
    {
        await _stop.CancelAsync();
        await run.WaitAsync(Timeout);
    }
}
