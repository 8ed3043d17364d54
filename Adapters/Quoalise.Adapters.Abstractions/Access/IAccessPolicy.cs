using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Adapters.Access;

/// <summary>
/// Who may do what: the permission a command requires, and which series a requester may read.
/// Always asked with the bare JID the XMPP server stamped. Thread-safe.
/// </summary>
public interface IAccessPolicy : ICommandAccessPolicy
{
    /// <summary>Whether <paramref name="requester"/> may read the series (history, subscriptions, listings).</summary>
    bool MayRead(Jid requester, string seriesIdentifier);
}
