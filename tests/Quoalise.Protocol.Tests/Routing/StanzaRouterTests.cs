using System.Xml.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Quoalise.Protocol.Ping;
using Quoalise.Protocol.Routing;
using Quoalise.Protocol.Stanzas;
using Quoalise.Protocol.Tests.Support;
using Quoalise.Protocol.Version;
using Quoalise.Testing.Xmpp;

namespace Quoalise.Protocol.Tests.Routing;

public class StanzaRouterTests
{
    private const string From = "alice@localhost/g";

    [Test]
    public async Task An_unknown_payload_namespace_is_service_unavailable_with_id_and_addresses_swapped()
    {
        var transcript = new Transcript([new PingHandler()]);

        await transcript.ExpectAsync(
            $"<iq type='get' id='u1' from='{From}' to='quoalise.localhost' xml:lang='de'><query xmlns='urn:example:unknown'/></iq>",
            """
            <iq xmlns='jabber:component:accept' type='error' id='u1' from='quoalise.localhost' to='alice@localhost/g' xml:lang='de'>
              <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
            </iq>
            """);
    }

    [Test]
    public async Task Results_and_errors_are_never_answered()
    {
        var transcript = new Transcript([new PingHandler()]);

        await transcript.ReceiveAsync($"<iq type='result' id='x' from='{From}' to='quoalise.localhost'/>");
        await transcript.ReceiveAsync($"<iq type='error' id='y' from='{From}' to='quoalise.localhost'><error type='cancel'/></iq>");

        transcript.Sent.IsEmpty.Should().BeTrue();
    }

    [TestCase("<iq type='query' id='t' from='alice@localhost/g' to='quoalise.localhost'><ping xmlns='urn:xmpp:ping'/></iq>", "bad-request")]
    [TestCase("<iq type='get' id='t' from='alice@localhost/g' to='quoalise.localhost'/>", "bad-request")]
    [TestCase("<iq type='get' id='t' from='alice@localhost/g' to='quoalise.localhost'><ping xmlns='urn:xmpp:ping'/><ping xmlns='urn:xmpp:ping'/></iq>", "bad-request")]
    [TestCase("<iq type='get' id='t' from='alice@localhost/g' to='bob@quoalise.localhost'><ping xmlns='urn:xmpp:ping'/></iq>", "service-unavailable")]
    [TestCase("<iq type='set' id='t' from='alice@localhost/g' to='quoalise.localhost'><ping xmlns='urn:xmpp:ping'/></iq>", "feature-not-implemented")]
    public async Task Malformed_or_misaddressed_requests_get_the_rfc_6120_condition(string stanza, string condition)
    {
        var transcript = new Transcript([new PingHandler()]);

        var answer = await transcript.SendAsync(stanza);

        answer.Descendants().Should().Contain(e => e.Name.LocalName == condition);
    }

    [Test]
    public async Task A_handler_that_throws_yields_internal_server_error_and_the_router_carries_on()
    {
        var transcript = new Transcript([new ThrowingHandler(), new PingHandler()]);

        var failed = await transcript.SendAsync($"<iq type='get' id='1' from='{From}' to='quoalise.localhost'><boom xmlns='urn:test'/></iq>");
        var fine = await transcript.SendAsync($"<iq type='get' id='2' from='{From}' to='quoalise.localhost'><ping xmlns='urn:xmpp:ping'/></iq>");

        failed.Descendants().Should().Contain(e => e.Name.LocalName == "internal-server-error");
        failed.ToString().Should().NotContain("secret detail", "exception text never reaches the requester");
        ((string?)fine.Attribute("type")).Should().Be("result");
    }

    [Test]
    public async Task Too_many_requests_from_one_jid_get_policy_violation_then_silence_while_others_are_served()
    {
        var time = new FakeTimeProvider();
        var transcript = new Transcript([new PingHandler()], new RateLimitOptions(60, 2), time);
        string Ping(string from) => $"<iq type='get' id='p' from='{from}' to='quoalise.localhost'><ping xmlns='urn:xmpp:ping'/></iq>";

        var answers = new List<XElement>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await transcript.SendAsync(Ping(From)));
        }

        // Limits are per bare JID: another resource of alice shares her bucket and her refusals.
        for (var i = 1; i < RateLimitOptions.RefusalsBeforeSilence; i++)
        {
            XmlAssertError(await transcript.SendAsync(Ping("alice@localhost/other")), "wait", "policy-violation");
        }

        await transcript.ReceiveAsync(Ping(From));
        var silenced = transcript.Sent.IsEmpty;
        var bob = await transcript.SendAsync(Ping("bob@localhost/x"));
        time.Advance(TimeSpan.FromSeconds(1));
        var again = await transcript.SendAsync(Ping(From));

        answers.Take(2).Should().OnlyContain(a => (string?)a.Attribute("type") == "result");
        XmlAssertError(answers[2], "wait", "policy-violation");
        silenced.Should().BeTrue("a requester refused ten times in a row is no longer answered");
        ((string?)bob.Attribute("type")).Should().Be("result");
        ((string?)again.Attribute("type")).Should().Be("result", "tokens refill over time");
    }

    [Test]
    public void Two_handlers_for_one_route_fail_construction()
    {
        var create = () => new Transcript([new PingHandler(), new PingHandler()]);

        create.Should().Throw<InvalidOperationException>().WithMessage("*iq get {urn:xmpp:ping}ping*");
    }

    [Test]
    public void Features_are_the_sorted_union_of_the_handlers()
    {
        new Transcript([new VersionHandler("Q", "1"), new PingHandler()]).Router.Features.Should().Equal("jabber:iq:version", "urn:xmpp:ping");
    }

    [Test]
    public async Task Our_requests_complete_only_with_an_answer_from_the_jid_we_asked()
    {
        var sender = new RecordingSender();
        var router = new StanzaRouter(Jid.Parse(TestOptions.Domain), [], [], [], sender,
            new PerJidRateLimiter(new RateLimitOptions(60, 10), TimeProvider.System), NullLogger<StanzaRouter>.Instance);

        var request = router.RequestAsync(Jid.Parse("cp@example.org/x"), IqType.Get, new XElement(Xep0199.PingElement), TimeSpan.FromSeconds(5), CancellationToken.None);
        var sent = await sender.NextAsync();
        var id = (string)sent.Attribute("id")!;
        await router.DispatchAsync(XElement.Parse($"<iq xmlns='jabber:component:accept' type='result' id='{id}' from='mallory@example.org/x' to='quoalise.localhost'/>"), CancellationToken.None);
        request.IsCompleted.Should().BeFalse("a spoofed answer from another JID is ignored");
        await router.DispatchAsync(XElement.Parse($"<iq xmlns='jabber:component:accept' type='error' id='{id}' from='cp@example.org/x' to='quoalise.localhost'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"), CancellationToken.None);

        (await request.Invoking(r => r).Should().ThrowAsync<IqErrorException>()).Which.Error.Condition.Should().Be("item-not-found");
    }

    [Test]
    public async Task Our_requests_time_out_and_fail_when_the_link_goes_down()
    {
        var router = new StanzaRouter(Jid.Parse(TestOptions.Domain), [], [], [], new RecordingSender(),
            new PerJidRateLimiter(new RateLimitOptions(60, 10), TimeProvider.System), NullLogger<StanzaRouter>.Instance);

        var timedOut = router.RequestAsync(Jid.Parse("a@b"), IqType.Get, new XElement(Xep0199.PingElement), TimeSpan.FromMilliseconds(50), CancellationToken.None);
        await timedOut.Invoking(r => r).Should().ThrowAsync<TimeoutException>();
        var cut = router.RequestAsync(Jid.Parse("a@b"), IqType.Get, new XElement(Xep0199.PingElement), TimeSpan.FromMinutes(1), CancellationToken.None);
        router.OnLinkDown(new LinkUnavailableException("down"));

        await cut.Invoking(r => r).Should().ThrowAsync<LinkUnavailableException>();
    }

    private static void XmlAssertError(XElement answer, string type, string condition)
    {
        var error = answer.Elements().Single(e => e.Name.LocalName == "error");
        ((string?)error.Attribute("type")).Should().Be(type);
        error.Elements().Should().Contain(e => e.Name.LocalName == condition);
    }

    private sealed class ThrowingHandler : IIqHandler
    {
        public IReadOnlyList<IqRoute> Routes { get; } = [new(IqType.Get, XName.Get("boom", "urn:test"))];

        public IReadOnlyList<string> Features { get; } = [];

        public Task<IqResponse> HandleAsync(IqRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("secret detail");
    }
}
