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
    // Measured with the mqtt load verb on PostgreSQL: two, or the queue spread evenly over three, did no better
    // (docs/BENCHMARKS.md).
    private const int BatchesInFlight = 3;

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

    /// <summary>Points accepted and not yet committed: queued, plus the batches being committed.</summary>
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
            if (_store.OverlapsBatches)
            {
                await WriteOverlappingAsync(batch, stoppingToken);
            }
            else
            {
                await WriteOneByOneAsync(batch, stoppingToken);
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

    private async Task WriteOneByOneAsync(List<QueuedPoint> batch, CancellationToken stoppingToken)
    {
        while (await WaitForPointsAsync(stoppingToken))
        {
            TakeQueued(batch);
            Volatile.Write(ref _committing, batch.Count);
            await CommitAsync(batch, stoppingToken);
            var committed = batch.Count;
            batch.Clear();
            Volatile.Write(ref _committing, 0);
            await MergeAsMuchAsAsync(committed, stoppingToken);
        }
    }

    /// <summary>
    /// Group commit over several connections. Each turn, while fewer than <see cref="BatchesInFlight"/> batches are
    /// uncommitted, what is queued becomes a new batch, written on a connection of its own; then the writer waits for
    /// the oldest batch to commit. Batches commit in queue order, each after the one before it (a writer's points may
    /// span two), so the database's wait for its log to reach the disk, and this process's work between batches, no
    /// longer hold up the points behind them. When a batch fails, the ones behind it roll back and all are written
    /// again, one at a time, with <see cref="CommitAsync"/>'s retries.
    /// </summary>
    private async Task WriteOverlappingAsync(List<QueuedPoint> abandoned, CancellationToken stoppingToken)
    {
        var inFlight = new Queue<(List<QueuedPoint> Batch, Task<bool> Committed)>();
        var previous = Task.FromResult(true);
        try
        {
            while (true)
            {
                while (inFlight.Count < BatchesInFlight && _queue.Reader.Count > 0)
                {
                    var batch = new List<QueuedPoint>();
                    TakeQueued(batch);
                    var points = PointsOf(batch);
                    previous = CommitInTurnAsync(previous, TryBeginAsync(points, stoppingToken), batch, points, stoppingToken);
                    inFlight.Enqueue((batch, previous));
                }

                Volatile.Write(ref _committing, inFlight.Sum(b => b.Batch.Count));
                if (inFlight.Count == 0)
                {
                    if (!await WaitForPointsAsync(stoppingToken))
                    {
                        break;
                    }

                    continue;
                }

                var (_, committed) = inFlight.Peek();
                if (await committed)
                {
                    inFlight.Dequeue();
                    continue;
                }

                // The oldest failed, so every batch behind it rolled back without committing.
                while (inFlight.TryPeek(out var failed))
                {
                    await failed.Committed;
                    await CommitAsync(failed.Batch, stoppingToken);
                    inFlight.Dequeue();
                }

                previous = Task.FromResult(true);
            }
        }
        finally
        {
            // Only when stopping: what is still in flight rolls back and goes to the writers as abandoned.
            foreach (var (batch, committed) in inFlight)
            {
                await ((Task)committed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                abandoned.AddRange(batch);
            }

            Volatile.Write(ref _committing, 0);
        }
    }

    /// <summary>
    /// Commits a batch once it is written and the batch before it has committed; false, with the batch rolled back,
    /// when its write or commit failed or the batch before it did.
    /// </summary>
    private async Task<bool> CommitInTurnAsync(
        Task<bool> previous, Task<IOpenPointBatch?> writing, List<QueuedPoint> batch, SenMLRecord[] points, CancellationToken stoppingToken)
    {
        var open = await writing;
        if (open is null)
        {
            return false;
        }

        if (!await previous)
        {
            await open.DisposeAsync();
            return false;
        }

        return await TryCommitAsync(open, batch, points, stoppingToken);
    }

    private void TakeQueued(List<QueuedPoint> batch)
    {
        while (batch.Count < _batchPoints && _queue.Reader.TryRead(out var item))
        {
            batch.Add(item);
        }
    }

    /// <summary>The batch written and left open, or null when that failed (logged): it is then written again with <see cref="CommitAsync"/>'s retries.</summary>
    private async Task<IOpenPointBatch?> TryBeginAsync(SenMLRecord[] points, CancellationToken stoppingToken)
    {
        try
        {
            // On the thread pool: preparing the rows is CPU work the commit in front of it need not wait for.
            return await Task.Run(() => _store.BeginBatchAsync(points, stoppingToken), stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            StorageLog.OverlappingBatchFailed(_logger, e, points.Length);
            return null;
        }
    }

    /// <summary>Commits an open batch and tells its writers: false, with it rolled back, when the commit failed.</summary>
    private async Task<bool> TryCommitAsync(IOpenPointBatch open, List<QueuedPoint> batch, SenMLRecord[] points, CancellationToken stoppingToken)
    {
        await using (open)
        {
            try
            {
                await open.CommitAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                StorageLog.OverlappingBatchFailed(_logger, e, batch.Count);
                return false;
            }
        }

        await OnCommittedAsync(batch, points, stoppingToken);
        return true;
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
        var points = PointsOf(batch);
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

        await OnCommittedAsync(batch, points, stoppingToken);
    }

    private async Task OnCommittedAsync(List<QueuedPoint> batch, SenMLRecord[] points, CancellationToken stoppingToken)
    {
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

    private static SenMLRecord[] PointsOf(List<QueuedPoint> batch)
    {
        var points = new SenMLRecord[batch.Count];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = batch[i].Point;
        }

        return points;
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
