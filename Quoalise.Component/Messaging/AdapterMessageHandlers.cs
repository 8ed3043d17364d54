using System.Xml.Linq;
using Quoalise.Adapters.Messaging;
using Quoalise.Component.Hosting;
using Quoalise.Protocol.Routing;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Messaging;

/// <summary>
/// Hands messages and presence addressed to the component to the adapters' handlers, as XML-free
/// records. Stanzas without a valid sender are dropped: nobody could be answered. Thread-safe.
/// </summary>
public sealed class AdapterMessageHandlers : IMessageHandler, IPresenceHandler
{
    private readonly AdapterRegistrations _registrations;

    public AdapterMessageHandlers(AdapterRegistrations registrations) => _registrations = registrations;

    public async Task HandleMessageAsync(XElement message, CancellationToken cancellationToken)
    {
        if (_registrations.MessageHandlers.Count == 0 || !TryAddresses(message, out var from, out var to))
        {
            return;
        }

        var incoming = new IncomingMessage(
            from,
            to,
            (string?)message.Attribute("type") ?? "normal",
            (string?)message.Element(XmppNames.Body),
            (string?)message.Element(XmppNames.Subject),
            (string?)message.Element(XmppNames.Thread));
        foreach (var handler in _registrations.MessageHandlers)
        {
            await handler(incoming, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task HandlePresenceAsync(XElement presence, CancellationToken cancellationToken)
    {
        if (_registrations.PresenceHandlers.Count == 0 || !TryAddresses(presence, out var from, out var to))
        {
            return;
        }

        var incoming = new IncomingPresence(
            from,
            to,
            (string?)presence.Attribute("type") ?? string.Empty,
            (string?)presence.Element(XmppNames.Show),
            (string?)presence.Element(XmppNames.Status));
        foreach (var handler in _registrations.PresenceHandlers)
        {
            await handler(incoming, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool TryAddresses(XElement stanza, out Jid from, out Jid to)
    {
        to = null!;
        return Jid.TryParse((string?)stanza.Attribute("from"), out from!) && Jid.TryParse((string?)stanza.Attribute("to"), out to!);
    }
}
