using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Health;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Storage.Points;

/// <summary>
/// The <see cref="ISeriesWriter"/> of the component: callers queue points in a bounded buffer and one
/// background loop commits them in batches of up to <see cref="StorageOptions.WriteBatchPoints"/>,
/// retrying transient failures for as long as the database is away. A caller's task completes only when
/// all its points are committed, so producers acknowledge after commit; when the buffer is full callers
/// wait. The same loop runs the store's merge steps (<see cref="PointLog"/>) between batches, when they are due or
/// the queue is idle, and finishes the merge when stopping. Thread-safe for any number of writers.
/// </summary>
internal sealed class SeriesWriter : BackgroundService, ISeriesWriter
{
    private readonly Channel<QueuedPoint> _queue;
    private readonly IPointStore _store;
    private readonly StorageHealth _health;
    private readonly IReadOnlyList<IPointsCommittedObserver> _observers;
    private readonly ILogger<SeriesWriter> _logger;
    private readonly ResiliencePipeline _retry;
    private readonly TimeProvider _time;
    private readonly int _batchPoints;
    private int _committing;

    public SeriesWriter(
        IPointStore store,
        StorageEngine engine,
        StorageHealth health,
        IEnumerable<IPointsCommittedObserver> observers,
        IOptions<StorageOptions> options,
        ILogger<SeriesWriter> logger,
        TimeProvider timeProvider)
    {
        _store = store;
        _health = health;
        _observers = [.. observers];
        _logger = logger;
        _time = timeProvider;
        _batchPoints = options.Value.WriteBatchPoints;
        _queue = Channel.CreateBounded<QueuedPoint>(new BoundedChannelOptions(options.Value.WriteBufferPoints)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _retry = StorageRetry.Create(engine, options.Value, health, () => PendingPoints, logger, timeProvider);
    }

    /// <summary>Points accepted and not yet committed: queued, plus the batch being committed.</summary>
    public int PendingPoints => _queue.Reader.Count + Volatile.Read(ref _committing);

    public async Task WriteAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        PointValidator.Validate(points);
        if (points.Count == 0)
        {
            return;
        }

        var write = new PendingWrite(points.Count);
        foreach (var point in points)
        {
            var item = new QueuedPoint(point, write);
            if (!_queue.Writer.TryWrite(item))
            {
                await _queue.Writer.WriteAsync(item, cancellationToken);
            }
        }

        await write.Committed.WaitAsync(cancellationToken);
    }

    /// <summary>Refuses new points, then commits what is queued until the host's shutdown timeout.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (ExecuteTask is { } loop)
        {
            try
            {
                await loop.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The shutdown timeout elapsed: base.StopAsync cancels the loop, which fails what is left.
            }
        }

        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<QueuedPoint>(_batchPoints);
        try
        {
            while (await WaitForPointsAsync(stoppingToken))
            {
                while (batch.Count < _batchPoints && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                Volatile.Write(ref _committing, batch.Count);
                await CommitAsync(batch, stoppingToken);
                var committed = batch.Count;
                batch.Clear();
                Volatile.Write(ref _committing, 0);
                await MergeAsMuchAsAsync(committed, stoppingToken);
            }

            // Stopping with everything committed: leave the points in their place for whoever opens the database next.
            while (_store.MergeDueIn is not null && await MergeStepAsync(stoppingToken) is not null)
            {
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Abandon(batch);
        }
    }

    /// <summary>Waits for queued points, running the merge steps that fall due meanwhile; false once the queue is completed.</summary>
    private async Task<bool> WaitForPointsAsync(CancellationToken stoppingToken)
    {
        while (_store.MergeDueIn is { } due)
        {
            if (due > TimeSpan.Zero)
            {
                using var timeout = new CancellationTokenSource(due, _time);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
                try
                {
                    return await _queue.Reader.WaitToReadAsync(either.Token);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
                {
                    // Idle until the merge fell due.
                }
            }
            else if (_queue.Reader.Count > 0)
            {
                return true;
            }

            await MergeStepAsync(stoppingToken);
        }

        return await _queue.Reader.WaitToReadAsync(stoppingToken);
    }

    /// <summary>
    /// While a merge is due, merges at least as many rows as a batch just committed: the log then shrinks whatever the
    /// rate of ingest, and each slice scans a log of bounded size.
    /// </summary>
    private async Task MergeAsMuchAsAsync(int rows, CancellationToken stoppingToken)
    {
        while (rows > 0 && _store.MergeDueIn == TimeSpan.Zero && await MergeStepAsync(stoppingToken) is { } merged)
        {
            rows -= Math.Max(merged, 1);
        }
    }

    /// <summary>One merge step: the rows it merged, or null when it failed (logged, and the merge starts over later).</summary>
    private async Task<int?> MergeStepAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await _retry.ExecuteAsync(static (store, token) => new ValueTask<int>(store.MergeStepAsync(token)), _store, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The points stay readable in the log; nothing a writer waits for depends on the merge.
            StorageLog.MergeFailed(_logger, e);
            _store.AbandonMerge();
            return null;
        }
    }

    private async Task CommitAsync(List<QueuedPoint> batch, CancellationToken stoppingToken)
    {
        var points = new SenMLRecord[batch.Count];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = batch[i].Point;
        }

        try
        {
            await _retry.ExecuteAsync(
                static (state, token) => new ValueTask(state.Store.WriteBatchAsync(state.Points, token)),
                (Store: _store, Points: points),
                stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Not transient (a retry would fail the same way): the writers get the error and do not acknowledge.
            StorageLog.WriteFailed(_logger, e, batch.Count);
            foreach (var item in batch)
            {
                item.Write.Fail(e);
            }

            return;
        }

        _health.ReportReachable();
        foreach (var item in batch)
        {
            item.Write.OnPointCommitted();
        }

        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnPointsCommittedAsync(points, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                StorageLog.ObserverFailed(_logger, e, observer.GetType().Name);
            }
        }
    }

    // Stopping for good with points still uncommitted: their writers learn it, so nothing is acknowledged.
    private void Abandon(List<QueuedPoint> batch)
    {
        var stopped = new OperationCanceledException("Storage stopped before these points were committed.");
        var abandoned = 0;
        foreach (var item in batch)
        {
            item.Write.Fail(stopped);
            abandoned++;
        }

        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var item))
        {
            item.Write.Fail(stopped);
            abandoned++;
        }

        if (abandoned > 0)
        {
            StorageLog.WritesAbandonedAtStop(_logger, abandoned);
        }
    }

    private readonly record struct QueuedPoint(SenMLRecord Point, PendingWrite Write);

    /// <summary>One caller's points: done when the last of them is committed, failed at the first failure.</summary>
    private sealed class PendingWrite(int points)
    {
        private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _remaining = points;

        public Task Committed => _committed.Task;

        public void OnPointCommitted()
        {
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _committed.TrySetResult();
            }
        }

        public void Fail(Exception exception) => _committed.TrySetException(exception);
    }
}
