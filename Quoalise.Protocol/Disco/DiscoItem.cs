using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Disco;

/// <summary>
/// An XEP-0030 item. Gajim builds its command list from exactly jid, node and name: every item must
/// carry all three and nothing else (research §2.6).
/// </summary>
public sealed record DiscoItem(Jid Jid, string Node, string Name);
