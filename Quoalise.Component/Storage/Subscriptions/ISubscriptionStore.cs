using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Storage.Subscriptions;

/// <summary>
/// Who receives the new points of which series. Subscribers are kept as bare JIDs (a full JID is reduced
/// to its bare form), at most <see cref="MaxSubscriberLength"/> characters. Thread-safe; each call is one
/// statement.
/// </summary>
internal interface ISubscriptionStore
{
    /// <summary>Width of the subscriber column; with a 255-character identifier it fits MySQL's 3,072-byte key.</summary>
    const int MaxSubscriberLength = 512;

    /// <summary>Subscribes; idempotent. True when the subscription is new, false when it existed already.</summary>
    Task<bool> AddAsync(Jid subscriber, string seriesIdentifier, CancellationToken cancellationToken);

    /// <summary>Unsubscribes. True when the subscription existed.</summary>
    Task<bool> RemoveAsync(Jid subscriber, string seriesIdentifier, CancellationToken cancellationToken);

    /// <summary>The subscriptions of one bare JID, by series identifier.</summary>
    Task<IReadOnlyList<Subscription>> ListBySubscriberAsync(Jid subscriber, CancellationToken cancellationToken);

    /// <summary>
    /// Every subscription, by series identifier then subscriber: one query however many series there are, for the
    /// publisher's map of who receives what.
    /// </summary>
    Task<IReadOnlyList<Subscription>> ListAllAsync(CancellationToken cancellationToken);
}
