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

    public Task HandleMessageAsync(XElement message, CancellationToken cancellationToken) =>
        DeliverAsync(message, _registrations.MessageHandlers, (from, to) => new IncomingMessage(
            from,
            to,
            (string?)message.Attribute("type") ?? "normal",
            (string?)message.Element(XmppNames.Body),
            (string?)message.Element(XmppNames.Subject),
            (string?)message.Element(XmppNames.Thread)), cancellationToken);

    public Task HandlePresenceAsync(XElement presence, CancellationToken cancellationToken) =>
        DeliverAsync(presence, _registrations.PresenceHandlers, (from, to) => new IncomingPresence(
            from,
            to,
            (string?)presence.Attribute("type") ?? string.Empty,
            (string?)presence.Element(XmppNames.Show),
            (string?)presence.Element(XmppNames.Status)), cancellationToken);

    private static async Task DeliverAsync<T>(
        XElement stanza,
        IReadOnlyList<Func<T, CancellationToken, Task>> handlers,
        Func<Jid, Jid, T> read,
        CancellationToken cancellationToken)
    {
        if (handlers.Count == 0 || !TryAddresses(stanza, out var from, out var to))
        {
            return;
        }

        var incoming = read(from, to);
        foreach (var handler in handlers)
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
