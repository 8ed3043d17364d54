using System.Collections.Concurrent;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Points;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.IntegrationTests.Storage;

/// <summary>A post-commit observer that checks, when told, that the points are already readable.</summary>
internal sealed class CommittedPointsRecorder : IPointsCommittedObserver
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Notification>> _bySeries = new();

    public ISeriesReader? Reader { get; set; }

    public Task<Notification> WaitForAsync(string series) => Slot(series).Task;

    public async ValueTask OnPointsCommittedAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        foreach (var group in points.GroupBy(p => p.Name))
        {
            var times = group.Select(p => p.Time).ToList();
            var page = await Reader!.ReadAsync(
                new SeriesQuery(group.Key, times.Min(), times.Max().AddTicks(10), times.Count + 1), cancellationToken);
            Slot(group.Key).TrySetResult(new Notification([.. group], page.Points.Count));
        }
    }

    private TaskCompletionSource<Notification> Slot(string series) =>
        _bySeries.GetOrAdd(series, _ => new TaskCompletionSource<Notification>(TaskCreationOptions.RunContinuationsAsynchronously));

    internal sealed record Notification(IReadOnlyList<SenMLRecord> Points, int ReadableWhenNotified);
}
