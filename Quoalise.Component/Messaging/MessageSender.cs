using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Messaging;
using Quoalise.Component.Hosting;
using Quoalise.Protocol.Quoalise;
using Quoalise.Protocol.Routing;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Messaging;

/// <summary>Builds and sends messages from the component domain on behalf of adapters. Thread-safe.</summary>
public sealed class MessageSender : IMessageSender
{
    private readonly IStanzaSender _sender;
    private readonly Jid _from;

    public MessageSender(IStanzaSender sender, IOptions<XmppOptions> options)
    {
        _sender = sender;
        _from = Jid.Parse(options.Value.Domain);
    }

    public Task SendTextAsync(Jid to, string body, CancellationToken cancellationToken) =>
        _sender.SendAsync(Stanza.Message(_from, to, "chat", new XElement(XmppNames.Body, body)), cancellationToken);

    // No type, as the existing Quoalise publisher sends: 'normal' reaches the bare JID's resources by priority.
    public Task SendDataAsync(Jid to, IReadOnlyList<QuoaliseData> data, string? body, CancellationToken cancellationToken) =>
        _sender.SendAsync(
            Stanza.Message(_from, to, null, body is null ? null : new XElement(XmppNames.Body, body), QuoalisePayloadCodec.Write(data)),
            cancellationToken);
}
