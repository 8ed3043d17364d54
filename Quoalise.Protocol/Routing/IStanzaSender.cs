using System.Xml.Linq;

namespace Quoalise.Protocol.Routing;

/// <summary>Sends stanzas on the component link. Thread-safe.</summary>
public interface IStanzaSender
{
    /// <summary>
    /// Sends one stanza. Replies (iq result or error) are dropped while the link is down, since their
    /// requester has already been answered by the server; anything else waits for the link (bounded).
    /// </summary>
    /// <exception cref="LinkUnavailableException">The link did not come back in time.</exception>
    /// <exception cref="Xml.StanzaTooLargeException">Over the outgoing cap; nothing was sent.</exception>
    Task SendAsync(XElement stanza, CancellationToken cancellationToken);
}
