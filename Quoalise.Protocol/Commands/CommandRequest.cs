using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Commands;

/// <summary>A command ready to run: who asks, in which language, with every stage's accepted values.</summary>
/// <param name="Requester">Full JID stamped by the server. Decide access on <c>Requester.Bare</c> only.</param>
/// <param name="Node">The command node.</param>
/// <param name="Values">Accepted values of every stage.</param>
/// <param name="Language">The session's xml:lang.</param>
public sealed record CommandRequest(Jid Requester, string Node, FormValues Values, string Language);
