using System.Threading.Channels;

namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary>
/// Commits items in batches from one background loop: callers queue an item and await its commit, so many
/// concurrent messages share one transaction. Transient failures are retried by <see cref="DatabaseRetry"/>;
/// any other fails the batch's callers. The queue is bounded: when full, callers wait. Thread-safe.
/// </summary>
internal sealed class BatchingWriter<T> : IAsyncDisposable
{
    private readonly Channel<(T Item, TaskCompletionSource Committed)> _queue;
    private readonly Func<IReadOnlyList<T>, CancellationToken, Task> _commit;
    private readonly DatabaseRetry _retry;
    private readonly string _what;
    private readonly int _maxBatch;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public BatchingWriter(string what, Func<IReadOnlyList<T>, CancellationToken, Task> commit, DatabaseRetry retry, int capacity = 50_000, int maxBatch = 5_000)
    {
        _what = what;
        _commit = commit;
        _retry = retry;
        _maxBatch = maxBatch;
        _queue = Channel.CreateBounded<(T, TaskCompletionSource)>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes once <paramref name="item"/> is committed.</summary>
    public async Task WriteAsync(T item, CancellationToken cancellationToken)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((item, committed), cancellationToken);
        await committed.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Refuses new items, commits what is queued (until <paramref name="cancellationToken"/>), then fails the rest.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _stopping.CancelAsync();
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(new CancellationToken(canceled: true));
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<(T Item, TaskCompletionSource Committed)>(_maxBatch);
        var items = new List<T>(_maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                    items.Add(entry.Item);
                }

                try
                {
                    await _retry.RunAsync(_what, token => _commit(items, token), _stopping.Token);
                    batch.ForEach(e => e.Committed.TrySetResult());
                }
                catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
                {
                    batch.ForEach(b => b.Committed.TrySetException(e));
                }

                batch.Clear();
                items.Clear();
            }
        }
        catch (OperationCanceledException)
        {
            var stopped = new OperationCanceledException($"Stopped before {_what} was committed.");
            batch.ForEach(b => b.Committed.TrySetException(stopped));
            while (_queue.Reader.TryRead(out var entry))
            {
                entry.Committed.TrySetException(stopped);
            }
        }
    }
}
