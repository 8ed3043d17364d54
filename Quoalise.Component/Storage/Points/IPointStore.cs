using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Storage.Points;

/// <summary>
/// The points table behind <see cref="SeriesWriter"/>: commits one batch in one transaction, upserting on
/// (series, time). Throws on failure, leaving nothing of the batch. Thread-safe.
/// </summary>
internal interface IPointStore
{
    Task WriteBatchAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken);

    /// <summary>How long until <see cref="MergeStepAsync"/> is due: zero for now, null while nothing waits (see <see cref="PointLog"/>).</summary>
    TimeSpan? MergeDueIn { get; }

    /// <summary>Moves a slice of committed points from the log to their place, in one short transaction; returns how many.</summary>
    Task<int> MergeStepAsync(CancellationToken cancellationToken);

    /// <summary>After a merge step failed: the next merge starts over.</summary>
    void AbandonMerge();
}
