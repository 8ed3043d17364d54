using Quoalise.Component.Storage.InMemory;
using Quoalise.Component.Storage.Points;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Tests.Storage;

/// <summary>
/// An in-memory points table whose commits can be held back or made to fail, in order, and whose merge steps are
/// counted, with a log that is due for merging whenever <see cref="MergeDueIn"/> says. With <see cref="OverlapsBatches"/>
/// it counts the batches begun and those rolled back.
/// </summary>
internal sealed class ScriptedPointStore : IPointStore
{
    private readonly Queue<Exception> _failures = new();
    private TaskCompletionSource _gate = Opened();
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(bool Commit, int Rows)> _steps = [];
    private int _mergeSteps;
    private int _mergesAbandoned;
    private int _begun;
    private int _rolledBack;

    public InMemoryPointStore Table { get; } = new();

    /// <summary>Completes when a commit starts (and waits at the gate).</summary>
    public Task Entered => _entered.Task;

    /// <summary>Makes the next commits wait until <see cref="Open"/>.</summary>
    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    public TimeSpan? MergeDueIn { get; set; }

    public bool OverlapsBatches { get; set; }

    /// <summary>Batches written, committed or not yet.</summary>
    public int Begun => Volatile.Read(ref _begun);

    /// <summary>Batches disposed of without a commit.</summary>
    public int RolledBack => Volatile.Read(ref _rolledBack);

    /// <summary>Merge steps taken, and merges abandoned after a failed step.</summary>
    public int MergeSteps => Volatile.Read(ref _mergeSteps);

    public int MergesAbandoned => Volatile.Read(ref _mergesAbandoned);

    /// <summary>Merge steps left before the log is empty (<see cref="MergeDueIn"/> null then).</summary>
    public int MergeStepsLeft { get; set; }

    public Exception? MergeFailure { get; set; }

    /// <summary>Rows each merge step reports as merged.</summary>
    public int RowsPerMergeStep { get; set; } = 1;

    public Task<int> MergeStepAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _mergeSteps);
        if (MergeFailure is { } failure)
        {
            throw failure;
        }

        if (--MergeStepsLeft <= 0)
        {
            MergeDueIn = null;
        }

        lock (_steps)
        {
            _steps.Add((false, RowsPerMergeStep));
        }

        return Task.FromResult(RowsPerMergeStep);
    }

    public void AbandonMerge()
    {
        Interlocked.Increment(ref _mergesAbandoned);
        MergeDueIn = TimeSpan.FromHours(1);
    }

    public void FailNext(params Exception[] failures)
    {
        lock (_failures)
        {
            foreach (var failure in failures)
            {
                _failures.Enqueue(failure);
            }
        }
    }

    /// <summary>What the writer did, in order: a batch of N points committed (true, N) or a merge step of N rows (false, N).</summary>
    public IReadOnlyList<(bool Commit, int Rows)> Steps
    {
        get
        {
            lock (_steps)
            {
                return [.. _steps];
            }
        }
    }

    public async Task WriteBatchAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        await using var batch = await BeginBatchAsync(points, cancellationToken);
        await batch.CommitAsync(cancellationToken);
    }

    public Task<IOpenPointBatch> BeginBatchAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _begun);
        return Task.FromResult<IOpenPointBatch>(new OpenBatch(this, points));
    }

    private async Task CommitAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        lock (_failures)
        {
            if (_failures.TryDequeue(out var failure))
            {
                throw failure;
            }
        }

        await Table.WriteBatchAsync(points, cancellationToken);
        lock (_steps)
        {
            _steps.Add((true, points.Count));
        }
    }

    private sealed class OpenBatch(ScriptedPointStore store, IReadOnlyList<SenMLRecord> points) : IOpenPointBatch
    {
        private bool _ended;

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await store.CommitAsync(points, cancellationToken);
            _ended = true;
        }

        public ValueTask DisposeAsync()
        {
            if (!_ended)
            {
                _ended = true;
                Interlocked.Increment(ref store._rolledBack);
            }

            return ValueTask.CompletedTask;
        }
    }

    private static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }
}
