using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Storage.Points;

/// <summary>
/// The points table behind <see cref="SeriesWriter"/>: commits one batch in one transaction, upserting on
/// (series, time). Throws on failure, leaving nothing of the batch. Thread-safe.
/// </summary>
internal interface IPointStore
{
    Task WriteBatchAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken);

    /// <summary>
    /// True where a batch can be written while the one before it commits, each on its own connection (the server
    /// engines); false where connections are taken one at a time (SQLite).
    /// </summary>
    bool OverlapsBatches { get; }

    /// <summary>
    /// Writes a batch in a transaction of its own and leaves it open: the caller commits it, or disposes of it to roll it
    /// back. Only where <see cref="OverlapsBatches"/>; a batch begun after another waits for it on the rows both write.
    /// </summary>
    Task<IOpenPointBatch> BeginBatchAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken);

    /// <summary>How long until <see cref="MergeStepAsync"/> is due: zero for now, null while nothing waits (see <see cref="PointLog"/>).</summary>
    TimeSpan? MergeDueIn { get; }

    /// <summary>Moves a slice of committed points from the log to their place, in one short transaction; returns how many.</summary>
    Task<int> MergeStepAsync(CancellationToken cancellationToken);

    /// <summary>After a merge step failed: the next merge starts over.</summary>
    void AbandonMerge();
}

/// <summary>A batch written in a transaction still open (<see cref="IPointStore.BeginBatchAsync"/>); disposing of it uncommitted rolls it back.</summary>
internal interface IOpenPointBatch : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}
