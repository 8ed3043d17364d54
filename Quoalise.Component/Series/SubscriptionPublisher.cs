using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Access;
using Quoalise.Adapters.Messaging;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Points;
using Quoalise.Component.Storage.Subscriptions;
using Quoalise.Protocol.Quoalise;
using Quoalise.Protocol.Routing;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Series;

/// <summary>
/// Pushes committed points to the subscribers of their series, as <c>&lt;message/&gt;</c>s carrying
/// <c>&lt;quoalise/&gt;</c> to each subscriber's bare JID: at most <see cref="SeriesOptions.PushMaxRecords"/>
/// records a message, at most <see cref="SeriesOptions.PushMessagesPerSecond"/> messages a second per
/// subscriber (what waits is merged into the next message). Access is checked again at push time, so a
/// withdrawn grant stops the flow. Points come only after commit: nothing pushed can be taken back.
/// </summary>
/// <remarks>
/// Pushes are live data, not the record: when the backlog is full (a link down for long, a flood) the
/// oldest points are not pushed, with a warning; they stay in storage for get_history. Thread-safe:
/// the storage writer calls <see cref="OnPointsCommittedAsync"/>, one loop sends.
/// </remarks>
internal sealed class SubscriptionPublisher : BackgroundService, IPointsCommittedObserver
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private readonly Channel<IReadOnlyList<SenMLRecord>> _committed = Channel.CreateUnbounded<IReadOnlyList<SenMLRecord>>(new() { SingleReader = true });
    // Who receives which series, read whole (one query) at most every CacheLifetime: per-series lookups were one
    // query per series per 30 s, 800 a second for 5,000 charge points' series.
    // Touched by the send loop only; a change counted after the read makes it stale.
    private Cached<IReadOnlyDictionary<string, Jid[]>>? _subscribersBySeries;
    private int _subscribersReadAtChange;
    private int _subscriptionChanges;
    private readonly ConcurrentDictionary<string, Cached<QuoaliseMeta>> _meta = new(StringComparer.Ordinal);
    private readonly Dictionary<(Jid Subscriber, string Series), List<SenMLRecord>> _pending = [];
    private readonly Dictionary<Jid, (double Tokens, DateTimeOffset Updated)> _budgets = [];
    private readonly ISubscriptionStore _store;
    private readonly ISeriesCatalog _catalog;
    private readonly IAccessPolicy _access;
    private readonly IMessageSender _sender;
    private readonly SeriesOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _backlog;
    private long _dropped;

    public SubscriptionPublisher(
        ISubscriptionStore store,
        ISeriesCatalog catalog,
        IAccessPolicy access,
        IMessageSender sender,
        IOptions<SeriesOptions> options,
        TimeProvider time,
        ILogger<SubscriptionPublisher> logger)
    {
        _store = store;
        _catalog = catalog;
        _access = access;
        _sender = sender;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public ValueTask OnPointsCommittedAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        if (Interlocked.Add(ref _backlog, points.Count) > _options.PushBacklogPoints)
        {
            Interlocked.Add(ref _backlog, -points.Count);
            var dropped = Interlocked.Add(ref _dropped, points.Count);
            _logger.PushBacklogFull(Volatile.Read(ref _backlog), dropped);
            return ValueTask.CompletedTask;
        }

        _committed.Writer.TryWrite(points);
        return ValueTask.CompletedTask;
    }

    /// <summary>Makes the cached map of subscribers stale: a subscription just changed.</summary>
    public void SubscriptionsChanged() => Interlocked.Increment(ref _subscriptionChanges);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _committed.Reader;
        while (!stoppingToken.IsCancellationRequested)
        {
            // With nothing waiting, sleep until points come; with messages held back by the rate, look again soon.
            if (_pending.Count == 0)
            {
                await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await Task.WhenAny(reader.WaitToReadAsync(stoppingToken).AsTask(), Task.Delay(RetryDelay, _time, stoppingToken)).ConfigureAwait(false);
            }

            while (reader.TryRead(out var points))
            {
                Interlocked.Add(ref _backlog, -points.Count);
                try
                {
                    await RouteAsync(points, stoppingToken).ConfigureAwait(false);
                }
                catch (DbException e)
                {
                    // The database went away between commit and push: these points stay in storage.
                    _logger.PushFailed(points.Count, points[0].Name, "their subscribers", e.Message);
                }
            }

            await FlushAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private TimeSpan RetryDelay => TimeSpan.FromSeconds(1 / _options.PushMessagesPerSecond);

    private async Task RouteAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        var subscribersBySeries = await SubscribersBySeriesAsync(cancellationToken).ConfigureAwait(false);
        if (subscribersBySeries.Count == 0)
        {
            return;
        }

        // Only followed series are grouped: most committed points have no subscriber, and grouping every batch whole
        // took 3% of the component's CPU under MQTT load (docs/BENCHMARKS.md).
        foreach (var series in points.Where(p => subscribersBySeries.ContainsKey(p.Name)).GroupBy(p => p.Name, StringComparer.Ordinal))
        {
            foreach (var subscriber in subscribersBySeries[series.Key])
            {
                if (!_access.MayRead(subscriber, series.Key))
                {
                    continue;
                }

                if (!_pending.TryGetValue((subscriber, series.Key), out var queued))
                {
                    _pending[(subscriber, series.Key)] = queued = [];
                }

                queued.AddRange(series);
            }
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var ((subscriber, series), queued) in _pending.ToList())
        {
            while (queued.Count > 0 && TryTakeMessage(subscriber))
            {
                var chunk = queued.Take(_options.PushMaxRecords).ToList();
                queued.RemoveRange(0, chunk.Count);
                await SendAsync(subscriber, series, chunk, cancellationToken).ConfigureAwait(false);
            }

            if (queued.Count == 0)
            {
                _pending.Remove((subscriber, series));
            }
        }
    }

    private async Task SendAsync(Jid subscriber, string series, IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        try
        {
            var meta = await MetaAsync(series, cancellationToken).ConfigureAwait(false);
            var body = $"{points.Count.ToString(CultureInfo.InvariantCulture)} new point(s) of {series}";
            await _sender.SendDataAsync(subscriber, [new QuoaliseData(meta, points)], body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is LinkUnavailableException or ArgumentException or IOException or DbException)
        {
            _logger.PushFailed(points.Count, series, subscriber.ToString(), e.Message);
        }
    }

    // A token bucket per subscriber, refilled at PushMessagesPerSecond, holding up to one second's worth.
    private bool TryTakeMessage(Jid subscriber)
    {
        var now = _time.GetUtcNow();
        var burst = Math.Max(1, _options.PushMessagesPerSecond);
        var (tokens, updated) = _budgets.GetValueOrDefault(subscriber, (burst, now));
        tokens = Math.Min(burst, tokens + ((now - updated).TotalSeconds * _options.PushMessagesPerSecond));
        var allowed = tokens >= 1;
        _budgets[subscriber] = (allowed ? tokens - 1 : tokens, now);
        return allowed;
    }

    private async Task<IReadOnlyDictionary<string, Jid[]>> SubscribersBySeriesAsync(CancellationToken cancellationToken)
    {
        var changes = Volatile.Read(ref _subscriptionChanges);
        var map = _subscribersBySeries;
        if (map is null || _subscribersReadAtChange != changes || !map.IsFresh(_time))
        {
            var all = await _store.ListAllAsync(cancellationToken).ConfigureAwait(false);
            map = _subscribersBySeries = new Cached<IReadOnlyDictionary<string, Jid[]>>(
                all.GroupBy(s => s.SeriesIdentifier, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(s => s.Subscriber).ToArray(), StringComparer.Ordinal),
                _time.GetUtcNow());
            _subscribersReadAtChange = changes;
        }

        return map.Value;
    }

    private async Task<QuoaliseMeta> MetaAsync(string series, CancellationToken cancellationToken)
    {
        if (_meta.TryGetValue(series, out var cached) && cached.IsFresh(_time))
        {
            return cached.Value;
        }

        var meta = (await _catalog.FindAsync(series, cancellationToken).ConfigureAwait(false))?.Meta ?? QuoaliseMeta.Empty;
        _meta[series] = new Cached<QuoaliseMeta>(meta, _time.GetUtcNow());
        return meta;
    }

    private sealed record Cached<T>(T Value, DateTimeOffset Fetched)
    {
        public bool IsFresh(TimeProvider time) => time.GetUtcNow() - Fetched < CacheLifetime;
    }
}
