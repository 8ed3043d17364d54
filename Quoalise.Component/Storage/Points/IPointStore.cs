using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Storage.Points;

/// <summary>
/// The points table behind <see cref="SeriesWriter"/>: commits one batch in one transaction, upserting on
/// (series, time). Throws on failure, leaving nothing of the batch. Thread-safe.
/// </summary>
internal interface IPointStore
{
    Task WriteBatchAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken);
}
