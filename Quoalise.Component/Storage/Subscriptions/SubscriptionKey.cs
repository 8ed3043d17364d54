using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Storage.Subscriptions;

/// <summary>The checks every subscription store applies, so the twin and the database agree on what is refused.</summary>
internal static class SubscriptionKey
{
    public static string Subscriber(Jid subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var bare = subscriber.Bare.ToString();
        return bare.Length <= ISubscriptionStore.MaxSubscriberLength
            ? bare
            : throw new ArgumentException($"Subscribers have at most {ISubscriptionStore.MaxSubscriberLength} characters.", nameof(subscriber));
    }

    public static string Series(string seriesIdentifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(seriesIdentifier);
        return seriesIdentifier.Length <= SeriesDefinition.MaxIdentifierLength
            ? seriesIdentifier
            : throw new ArgumentException($"Series identifiers have at most {SeriesDefinition.MaxIdentifierLength} characters.", nameof(seriesIdentifier));
    }
}
