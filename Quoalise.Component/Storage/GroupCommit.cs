using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Quoalise.Component.Storage;

/// <summary>
/// Runs small writes of many callers (a charge point's boot, status, transaction start or stop, heartbeat) one after
/// another in a shared transaction that commits once for all of them. On PostgreSQL every commit waits for the log to
/// reach the disk, and a thousand commits a second queue on the log's write lock; 5,000 charge points stopping within
/// ten seconds made every other write wait behind them (docs/storage.md, "Group commit"). A caller's task completes
/// once the shared transaction has committed. When it fails, it is rolled back and each write in it runs again alone,
/// so that one bad write fails only its own caller. On the server engines <see cref="ServerLanes"/> shared
/// transactions can be open at once (a connection's round trips, not the server, are then the limit); SQLite has one
/// connection, taken in turn, and one lane. Thread-safe.
/// </summary>
internal sealed class GroupCommit : IAsyncDisposable
{
    private const int ServerLanes = 2;

    // A bound on how long the first writes of a transaction wait for the last one.
    private const int MaxWritesPerTransaction = 200;

    private readonly Database _database;
    private readonly ILogger _logger;
    // Unbounded: every caller awaits its write, so the queue holds at most one write per caller at work.
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>();
    private readonly Task[] _lanes;

    public GroupCommit(Database database, ILogger logger)
    {
        _database = database;
        _logger = logger;
        _lanes = [.. Enumerable.Range(0, database.StorageEngine.OneConnectionAtATime ? 1 : ServerLanes).Select(_ => Task.Run(RunLaneAsync))];
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var pending = new PendingWrite<T>(write, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(Database), "The database is closing; the write was not run.");
        }

        return pending.Task;
    }

    /// <summary>Runs the writes already queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_lanes);
    }

    private async Task RunLaneAsync()
    {
        var batch = new List<PendingWrite>(MaxWritesPerTransaction);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxWritesPerTransaction && _queue.Reader.TryRead(out var pending))
            {
                // A caller that gave up before its write began gets its cancellation, and the write is not run.
                if (!pending.CancelIfRequested())
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count == 1)
            {
                await CommitAloneAsync(batch[0]);
            }
            else if (await TryCommitAsync(batch) is { } sharedFailure)
            {
                StorageLog.SharedTransactionFailed(_logger, sharedFailure, batch.Count);
                foreach (var write in batch)
                {
                    await CommitAloneAsync(write);
                }
            }
            else
            {
                batch.ForEach(w => w.Complete());
            }

            batch.Clear();
        }
    }

    private async Task CommitAloneAsync(PendingWrite write)
    {
        if (await TryCommitAsync([write]) is { } failure)
        {
            write.Fail(failure);
        }
        else
        {
            write.Complete();
        }
    }

    /// <returns>Null once committed; else why not, the transaction rolled back.</returns>
    private async Task<Exception?> TryCommitAsync(IReadOnlyList<PendingWrite> writes)
    {
        try
        {
            // The callers' tokens stay out: a cancelled statement would abort the other callers' writes with it.
            await using var connection = await _database.OpenAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            foreach (var write in writes)
            {
                await write.RunAsync(connection, transaction);
            }

            await transaction.CommitAsync(CancellationToken.None);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private abstract class PendingWrite
    {
        public abstract Task RunAsync(DbConnection connection, DbTransaction transaction);

        public abstract bool CancelIfRequested();

        public abstract void Complete();

        public abstract void Fail(Exception failure);
    }

    private sealed class PendingWrite<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        // A result of a shared transaction that then failed is replaced when the write runs again alone.
        public override async Task RunAsync(DbConnection connection, DbTransaction transaction) => _result = await write(connection, transaction);

        public override bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public override void Complete() => _completion.TrySetResult(_result!);

        public override void Fail(Exception failure) => _completion.TrySetException(failure);
    }
}
