using Quoalise.Component.Storage.Subscriptions;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Storage.InMemory;

/// <summary>The in-memory twin of <see cref="SubscriptionStore"/>, for unit tests. Thread-safe.</summary>
internal sealed class InMemorySubscriptionStore(TimeProvider timeProvider) : ISubscriptionStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Subscriber, string Series), DateTimeOffset> _subscriptions = [];

    public InMemorySubscriptionStore()
        : this(TimeProvider.System)
    {
    }

    public Task<bool> AddAsync(Jid subscriber, string seriesIdentifier, CancellationToken cancellationToken)
    {
        var key = (SubscriptionKey.Subscriber(subscriber), SubscriptionKey.Series(seriesIdentifier));
        var created = UnixMicroseconds.ToTime(UnixMicroseconds.From(timeProvider.GetUtcNow()));
        lock (_gate)
        {
            return Task.FromResult(_subscriptions.TryAdd(key, created));
        }
    }

    public Task<bool> RemoveAsync(Jid subscriber, string seriesIdentifier, CancellationToken cancellationToken)
    {
        var key = (SubscriptionKey.Subscriber(subscriber), SubscriptionKey.Series(seriesIdentifier));
        lock (_gate)
        {
            return Task.FromResult(_subscriptions.Remove(key));
        }
    }

    public Task<IReadOnlyList<Subscription>> ListBySubscriberAsync(Jid subscriber, CancellationToken cancellationToken)
    {
        var bare = SubscriptionKey.Subscriber(subscriber);
        lock (_gate)
        {
            IReadOnlyList<Subscription> list = [.. _subscriptions
                .Where(s => s.Key.Subscriber == bare)
                .OrderBy(s => s.Key.Series, StringComparer.Ordinal)
                .Select(s => new Subscription(Jid.Parse(bare), s.Key.Series, s.Value))];
            return Task.FromResult(list);
        }
    }

    public Task<IReadOnlyList<Subscription>> ListAllAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<Subscription> list = [.. _subscriptions
                .OrderBy(s => s.Key.Series, StringComparer.Ordinal)
                .ThenBy(s => s.Key.Subscriber, StringComparer.Ordinal)
                .Select(s => new Subscription(Jid.Parse(s.Key.Subscriber), s.Key.Series, s.Value))];
            return Task.FromResult(list);
        }
    }
}
