using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Storage.Points;

/// <summary>
/// Told about points once they are committed, e.g. to push them to live subscribers: a subscriber never
/// sees a point that a crash could still take back. Register implementations as singletons; every one
/// is called, in registration order, by the single background writer after each batch commits.
/// </summary>
/// <remarks>
/// Called from one thread at a time. Return quickly (hand the points to a queue): the next batch waits
/// for the observers. An exception is logged and changes nothing for storage.
/// </remarks>
internal interface IPointsCommittedObserver
{
    /// <param name="points">The committed batch, in arrival order; it may hold points of many writers and series.</param>
    ValueTask OnPointsCommittedAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken);
}
