using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Commands;

/// <summary>What a stage's field builder knows: who asks, and the values of the stages already passed.</summary>
/// <param name="Requester">The requester's full JID, as stamped by the server.</param>
/// <param name="Values">Accepted values of the earlier stages.</param>
/// <param name="Interactive">False for a one-shot execute carrying the whole submitted form.</param>
public sealed record CommandStageContext(Jid Requester, FormValues Values, bool Interactive);
