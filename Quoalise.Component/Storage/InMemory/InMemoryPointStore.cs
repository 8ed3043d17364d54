using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Points;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Storage.InMemory;

/// <summary>
/// The in-memory twin of the points table, for unit tests: same keys (series, time truncated to the
/// microsecond), same last-write-wins upsert, same paging. Also an <see cref="ISeriesWriter"/> that commits
/// at once; post-commit observers are called only by <see cref="SeriesWriter"/>, which can run over this
/// store. Thread-safe.
/// </summary>
internal sealed class InMemoryPointStore : IPointStore, ISeriesReader, ISeriesWriter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedList<long, SenMLRecord>> _series = new(StringComparer.Ordinal);

    /// <summary>Every stored point, by series then time.</summary>
    public IReadOnlyList<SenMLRecord> Points
    {
        get
        {
            lock (_gate)
            {
                return [.. _series.OrderBy(s => s.Key, StringComparer.Ordinal).SelectMany(s => s.Value.Values)];
            }
        }
    }

    public Task WriteBatchAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var point in points)
            {
                if (!_series.TryGetValue(point.Name, out var times))
                {
                    _series[point.Name] = times = [];
                }

                var time = UnixMicroseconds.From(point.Time);
                times[time] = point with { Time = UnixMicroseconds.ToTime(time) };
            }
        }

        return Task.CompletedTask;
    }

    // One table in memory: nothing to gain from overlapping batches.
    public bool OverlapsBatches => false;

    public Task<IOpenPointBatch> BeginBatchAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken) =>
        Task.FromResult<IOpenPointBatch>(new OpenBatch(this, points));

    // Points land in their place at once: there is never a log to merge.
    public TimeSpan? MergeDueIn => null;

    public Task<int> MergeStepAsync(CancellationToken cancellationToken) => Task.FromResult(0);

    public void AbandonMerge()
    {
    }

    public Task WriteAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        PointValidator.Validate(points);
        return WriteBatchAsync(points, cancellationToken);
    }

    public Task<SeriesPage> ReadAsync(SeriesQuery query, CancellationToken cancellationToken)
    {
        var range = SeriesQueryRange.Of(query);
        lock (_gate)
        {
            if (!_series.TryGetValue(query.Identifier, out var times))
            {
                return Task.FromResult(new SeriesPage([], null));
            }

            var matching = times.Where(t => t.Key >= range.StartUs && t.Key < range.EndUs).Take(query.Limit + 1).Select(t => t.Value).ToList();
            var page = matching.Take(query.Limit).ToList();
            return Task.FromResult(new SeriesPage(page, matching.Count > query.Limit ? page[^1].Time : null));
        }
    }

    /// <summary>Points held back until commit: disposing of the batch first leaves the table as it was.</summary>
    private sealed class OpenBatch(InMemoryPointStore store, IReadOnlyList<SenMLRecord> points) : IOpenPointBatch
    {
        public Task CommitAsync(CancellationToken cancellationToken) => store.WriteBatchAsync(points, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
