using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Component.Storage.Points;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.IntegrationTests.Mqtt.Support;

/// <summary>
/// Counts committed readings per series (a storage post-commit observer; delivery receipts left out), so a test awaits
/// readings that arrive through an external broker instead of sleeping. Thread-safe.
/// </summary>
internal sealed class CommittedReadings : IPointsCommittedObserver
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly List<(Func<int> Check, int Target, TaskCompletionSource Reached)> _waiters = [];

    public int Total { get; private set; }

    public ValueTask OnPointsCommittedAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        lock (_counts)
        {
            foreach (var point in points.Where(p => !p.Name.StartsWith(DeliveryJournal.SeriesPrefix, StringComparison.Ordinal)))
            {
                _counts[point.Name] = _counts.GetValueOrDefault(point.Name) + 1;
                Total++;
            }

            foreach (var waiter in _waiters.Where(w => w.Check() >= w.Target).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return ValueTask.CompletedTask;
    }

    public int CountOf(string series)
    {
        lock (_counts)
        {
            return _counts.GetValueOrDefault(series);
        }
    }

    /// <summary>Completes once <paramref name="series"/> has had <paramref name="count"/> points committed.</summary>
    public Task WaitForAsync(string series, int count, TimeSpan timeout) => Wait(() => _counts.GetValueOrDefault(series), count, timeout);

    /// <summary>Completes once <paramref name="count"/> points of any series were committed.</summary>
    public Task WaitForTotalAsync(int count, TimeSpan timeout) => Wait(() => Total, count, timeout);

    private Task Wait(Func<int> check, int target, TimeSpan timeout)
    {
        lock (_counts)
        {
            if (check() >= target)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((check, target, reached));
            return reached.Task.WaitAsync(timeout);
        }
    }
}
