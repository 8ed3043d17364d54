using System.Xml.Linq;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Routing;

/// <summary>An iq get or set addressed to the component, as handlers receive it.</summary>
/// <param name="From">The requester, stamped by the server: the basis of every access decision.</param>
/// <param name="To">Our domain (or a JID inside it).</param>
/// <param name="Id">Echoed in the reply.</param>
/// <param name="Type">Get or set.</param>
/// <param name="Payload">The single child element.</param>
/// <param name="Language">The stanza's xml:lang, or null.</param>
public sealed record IqRequest(Jid From, Jid To, string Id, IqType Type, XElement Payload, string? Language);
