using Quoalise.Protocol.Quoalise;

namespace Quoalise.Adapters.Storage;

/// <summary>
/// Writes time-series points: one <see cref="SenMLRecord"/> per point, its <c>Name</c> being the series
/// identifier. Thread-safe.
/// </summary>
/// <remarks>
/// The returned task completes only once every point is committed, so a producer acknowledges
/// (MQTT PUBACK, OCPP CALLRESULT) after the commit and nothing acknowledged is ever lost. While the
/// database is unreachable the points wait in a bounded buffer and the task stays pending; when the
/// buffer is full the call waits for room. Writes are idempotent on (series, time): a replay never
/// duplicates, and the last value written for an instant wins. Subscribers are notified after commit.
/// </remarks>
public interface ISeriesWriter
{
    Task WriteAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken);
}
