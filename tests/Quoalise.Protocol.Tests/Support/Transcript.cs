using System.Xml.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using Quoalise.Protocol.Routing;
using Quoalise.Protocol.Stanzas;
using Quoalise.Protocol.Xml;
using Quoalise.Testing.Xml;
using Quoalise.Testing.Xmpp;

namespace Quoalise.Protocol.Tests.Support;

/// <summary>
/// Drives a router in memory, Prosody's scansion-style: a stanza in as XML text, the expected answer
/// out, compared with <see cref="XmlComparison"/>.
/// </summary>
internal sealed class Transcript
{
    public Transcript(IEnumerable<IIqHandler> handlers, RateLimitOptions? rate = null, TimeProvider? time = null)
    {
        Router = new StanzaRouter(
            Jid.Parse(TestOptions.Domain),
            handlers,
            [],
            [],
            Sent,
            new PerJidRateLimiter(rate ?? new RateLimitOptions(6000, 1000), time ?? TimeProvider.System),
            NullLogger<StanzaRouter>.Instance);
    }

    public StanzaRouter Router { get; }

    public RecordingSender Sent { get; } = new();

    /// <summary>Sends a stanza written in the component namespace and returns the router's answer.</summary>
    public async Task<XElement> SendAsync(string stanza)
    {
        await ReceiveAsync(stanza);
        return await Sent.NextAsync();
    }

    public Task ReceiveAsync(string stanza) =>
        Router.DispatchAsync(SafeXml.Parse(stanza.Replace("<iq ", "<iq xmlns='jabber:component:accept' ", StringComparison.Ordinal)), CancellationToken.None);

    public async Task ExpectAsync(string stanza, string expected)
    {
        var answer = await SendAsync(stanza);
        XmlComparison.Diff(answer, expected).Should().BeNull();
    }
}
