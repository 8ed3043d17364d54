using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;
using Quoalise.Component.Storage.Health;
using Quoalise.Component.Storage.Points;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Tests.Storage;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class SeriesWriterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset T0 = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ScriptedPointStore _store = new();
    private readonly FakeLogCollector _logs = new();
    private readonly List<IPointsCommittedObserver> _observers = [];
    private StorageHealth _health = null!;
    private SeriesWriter? _writer;

    [TearDown]
    public async Task StopAsync()
    {
        if (_writer is not null)
        {
            _store.Open();
            await _writer.StopAsync(CancellationToken.None);
            _writer.Dispose();
        }
    }

    [Test]
    public async Task A_write_completes_only_once_its_points_are_committed([Values] bool overlapping)
    {
        _store.OverlapsBatches = overlapping;
        var writer = await StartAsync();
        _store.Close();

        var write = writer.WriteAsync(Points("a", 3), CancellationToken.None);
        await _store.Entered.WaitAsync(Patience);

        write.IsCompleted.Should().BeFalse();
        _store.Table.Points.Should().BeEmpty();
        _store.Open();
        await write.WaitAsync(Patience);
        _store.Table.Points.Should().HaveCount(3);
    }

    [Test]
    public async Task A_full_buffer_makes_writers_wait_and_loses_nothing([Values] bool overlapping)
    {
        _store.OverlapsBatches = overlapping;
        var writer = await StartAsync(new StorageOptions { WriteBatchPoints = 5, WriteBufferPoints = 10 });
        _store.Close();
        var first = writer.WriteAsync(Points("a", 5), CancellationToken.None);
        await _store.Entered.WaitAsync(Patience);

        var second = writer.WriteAsync(Points("b", 20), CancellationToken.None);

        writer.PendingPoints.Should().BeLessThanOrEqualTo(10 + (overlapping ? 3 : 1) * 5, "at most a buffer and the batches in flight are held");
        second.IsCompleted.Should().BeFalse();
        _store.Open();
        await Task.WhenAll(first, second).WaitAsync(Patience);
        _store.Table.Points.Should().HaveCount(25);
        writer.PendingPoints.Should().Be(0);
    }

    [Test]
    public async Task Transient_failures_are_retried_and_each_transition_is_logged_once()
    {
        var writer = await StartAsync();
        var transitions = new List<StorageStatus>();
        _health.Changed += transitions.Add;
        _store.FailNext(new IOException("connection reset"), new TimeoutException("timeout"), new IOException("refused"));

        await writer.WriteAsync(Points("a", 2), CancellationToken.None).WaitAsync(Patience);

        _store.Table.Points.Should().HaveCount(2);
        transitions.Should().Equal(StorageStatus.Unreachable, StorageStatus.Reachable);
        var ids = _logs.GetSnapshot().Select(r => r.Id.Id).ToList();
        ids.Count(id => id == 3010).Should().Be(1);
        ids.Count(id => id == 3011).Should().Be(1);
        ids.Count(id => id == 3012).Should().Be(3);
        _logs.GetSnapshot().Single(r => r.Id.Id == 3010).Level.Should().Be(LogLevel.Warning);
    }

    [Test]
    public async Task A_permanent_failure_fails_the_write_and_later_writes_go_on([Values] bool overlapping)
    {
        _store.OverlapsBatches = overlapping;
        var writer = await StartAsync();
        // Permanent: every attempt fails, and an overlapping batch is tried alongside others, then alone.
        _store.FailNext([.. Enumerable.Range(0, overlapping ? 2 : 1).Select(_ => new InvalidOperationException("constraint violated"))]);

        var failed = () => writer.WriteAsync(Points("a", 2), CancellationToken.None).WaitAsync(Patience);

        await failed.Should().ThrowAsync<InvalidOperationException>().WithMessage("constraint violated");
        await writer.WriteAsync(Points("b", 2), CancellationToken.None).WaitAsync(Patience);
        _store.Table.Points.Should().OnlyContain(p => p.Name == "b");
        _health.Status.Should().Be(StorageStatus.Reachable);
        _logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 3020 && r.Level == LogLevel.Error);
    }

    [Test]
    public async Task Observers_are_told_after_commit_and_a_failing_one_changes_nothing()
    {
        var seen = new TaskCompletionSource<(IReadOnlyList<SenMLRecord> Points, int StoredThen)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _observers.Add(new DelegateObserver(_ => throw new InvalidOperationException("push failed")));
        _observers.Add(new DelegateObserver(points => seen.TrySetResult((points, _store.Table.Points.Count))));
        var writer = await StartAsync();
        var points = Points("a", 4);

        await writer.WriteAsync(points, CancellationToken.None).WaitAsync(Patience);

        var (notified, storedThen) = await seen.Task.WaitAsync(Patience);
        notified.Should().Equal(points);
        storedThen.Should().Be(4);
        _logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 3021);
    }

    [TestCase("", "name (the series identifier) is empty")]
    [TestCase("long", "name is longer than 255 characters")]
    [TestCase("no-value", "no value and no sum")]
    [TestCase("nan", "not a finite number")]
    public async Task Points_a_database_would_refuse_are_rejected_before_queueing(string kind, string reason)
    {
        var writer = await StartAsync();
        var point = kind switch
        {
            "long" => new SenMLRecord(new string('x', 256), T0, Value: 1),
            "no-value" => new SenMLRecord("a", T0, Unit: "W"),
            "nan" => new SenMLRecord("a", T0, Value: double.NaN),
            _ => new SenMLRecord(kind, T0, Value: 1),
        };

        var write = () => writer.WriteAsync([Points("ok", 1)[0], point], CancellationToken.None);

        await write.Should().ThrowAsync<ArgumentException>().WithMessage($"*{reason}*");
        writer.PendingPoints.Should().Be(0);
    }

    [Test]
    public async Task Stopping_commits_what_is_queued_then_refuses_new_points([Values] bool overlapping)
    {
        _store.OverlapsBatches = overlapping;
        var writer = await StartAsync();
        _store.Close();
        var queued = writer.WriteAsync(Points("a", 3), CancellationToken.None);
        await _store.Entered.WaitAsync(Patience);

        var stopping = writer.StopAsync(CancellationToken.None);
        _store.Open();
        await Task.WhenAll(queued, stopping).WaitAsync(Patience);

        _store.Table.Points.Should().HaveCount(3);
        var late = () => writer.WriteAsync(Points("b", 1), CancellationToken.None);
        await late.Should().ThrowAsync<InvalidOperationException>();
    }

    [Test]
    public async Task Stopping_while_the_database_is_away_fails_pending_writes_so_none_is_acknowledged([Values] bool overlapping)
    {
        _store.OverlapsBatches = overlapping;
        var writer = await StartAsync();
        _store.FailNext([.. Enumerable.Range(0, 10_000).Select(_ => new IOException("refused"))]);
        var unreachable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _health.Changed += _ => unreachable.TrySetResult();
        var pending = writer.WriteAsync(Points("a", 3), CancellationToken.None);
        await unreachable.Task.WaitAsync(Patience);

        using var shutdownTimeout = new CancellationTokenSource();
        await shutdownTimeout.CancelAsync();
        await writer.StopAsync(shutdownTimeout.Token);

        await pending.Invoking(p => p.WaitAsync(Patience)).Should().ThrowAsync<OperationCanceledException>();
        // Logged once the abandoned writers are failed, and their continuations run on other threads: may come just after.
        await WaitUntilAsync(() => _logs.GetSnapshot().Any(r => r.Id.Id == 3022));
        _logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 3022);
    }

    [Test]
    public async Task Overlapping_batches_are_all_written_before_the_oldest_commits_and_commit_in_queue_order()
    {
        _store.OverlapsBatches = true;
        _store.Close();
        var writer = CreateWriter(new StorageOptions { WriteBatchPoints = 3 });
        var first = writer.WriteAsync(Points("a", 3), CancellationToken.None);
        var second = writer.WriteAsync(Points("b", 2), CancellationToken.None);

        await writer.StartAsync(CancellationToken.None);
        await _store.Entered.WaitAsync(Patience);

        // The gate holds the first commit: the second batch is written while the first waits to commit.
        await WaitUntilAsync(() => _store.Begun == 2);
        first.IsCompleted.Should().BeFalse();
        second.IsCompleted.Should().BeFalse();
        _store.Open();
        await Task.WhenAll(first, second).WaitAsync(Patience);
        _store.Steps.Should().Equal((true, 3), (true, 2));
    }

    [Test]
    public async Task When_an_overlapping_batch_fails_the_ones_behind_it_roll_back_and_all_are_written_again_in_order()
    {
        _store.OverlapsBatches = true;
        _store.Close();
        _store.FailNext(new IOException("connection reset"));
        var writer = CreateWriter(new StorageOptions { WriteBatchPoints = 3 });
        var first = writer.WriteAsync(Points("a", 3), CancellationToken.None);
        var second = writer.WriteAsync(Points("b", 2), CancellationToken.None);

        await writer.StartAsync(CancellationToken.None);
        await _store.Entered.WaitAsync(Patience);
        _store.Open();
        await Task.WhenAll(first, second).WaitAsync(Patience);

        _store.RolledBack.Should().Be(2, "the failed batch and the one written behind it");
        _store.Steps.Should().Equal((true, 3), (true, 2));
        _store.Table.Points.Should().HaveCount(5);
        _logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == StorageEventId.OverlappingBatchFailed && r.Exception is IOException);
    }

    [Test]
    public async Task A_merge_that_falls_due_while_nothing_is_written_runs_to_its_end()
    {
        _store.MergeDueIn = TimeSpan.FromMilliseconds(50);
        _store.MergeStepsLeft = 3;
        await StartAsync();

        await WaitUntilAsync(() => _store.MergeSteps == 3);
        await Task.Delay(100);
        _store.MergeSteps.Should().Be(3, "the log is empty after the third step");
    }

    [Test]
    public async Task A_due_merge_steps_in_between_batches()
    {
        var writer = await StartAsync();
        _store.MergeStepsLeft = 2;
        _store.MergeDueIn = TimeSpan.Zero;

        await writer.WriteAsync(Points("a", 2), CancellationToken.None).WaitAsync(Patience);

        await WaitUntilAsync(() => _store.MergeSteps == 2);
        _store.MergeDueIn.Should().BeNull();
    }

    [Test]
    public async Task Under_a_steady_stream_each_batch_is_followed_by_merge_steps_moving_at_least_its_rows()
    {
        var writer = await StartAsync(new StorageOptions { WriteBatchPoints = 100 });
        _store.Close();
        var writes = new[] { "a", "b", "c" }.Select(series => writer.WriteAsync(Points(series, 100), CancellationToken.None)).ToList();
        await _store.Entered.WaitAsync(Patience);
        _store.RowsPerMergeStep = 30;
        _store.MergeStepsLeft = 100;
        _store.MergeDueIn = TimeSpan.Zero;

        _store.Open();
        await Task.WhenAll(writes).WaitAsync(Patience);
        await WaitUntilAsync(() => _store.MergeDueIn is null);

        // Between one commit and the next, the merge steps moved at least that commit's rows (30 a step here).
        var steps = _store.Steps;
        var commits = steps.Select((step, index) => (step, index)).Where(s => s.step.Commit).ToList();
        commits.Select(c => c.step.Rows).Should().Contain(rows => rows > 30, "a batch larger than one merge step");
        for (var i = 0; i + 1 < commits.Count; i++)
        {
            var merged = steps.Skip(commits[i].index + 1).Take(commits[i + 1].index - commits[i].index - 1).Sum(s => s.Rows);
            merged.Should().BeGreaterThanOrEqualTo(commits[i].step.Rows, "the log must not grow by more than the merge takes");
        }
    }

    [Test]
    public async Task A_failing_merge_is_logged_and_abandoned_and_writes_go_on()
    {
        _store.MergeDueIn = TimeSpan.Zero;
        _store.MergeFailure = new InvalidOperationException("no such table: core_points_log");
        var writer = await StartAsync();

        await WaitUntilAsync(() => _store.MergesAbandoned == 1);
        await writer.WriteAsync(Points("a", 2), CancellationToken.None).WaitAsync(Patience);

        _store.Table.Points.Should().HaveCount(2);
        _store.MergeSteps.Should().Be(1, "an abandoned merge waits before the next attempt");
        _logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == StorageEventId.MergeFailed && r.Exception!.Message.Contains("core_points_log"));
    }

    [Test]
    public async Task Stopping_finishes_a_merge_that_is_not_due_yet()
    {
        _store.MergeDueIn = TimeSpan.FromHours(1);
        _store.MergeStepsLeft = 2;
        var writer = await StartAsync();
        await writer.WriteAsync(Points("a", 1), CancellationToken.None).WaitAsync(Patience);

        await writer.StopAsync(CancellationToken.None);

        _store.MergeSteps.Should().Be(2);
        _store.MergeDueIn.Should().BeNull();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within {0}", Patience);
            await Task.Delay(10);
        }
    }

    private async Task<SeriesWriter> StartAsync(StorageOptions? options = null)
    {
        var writer = CreateWriter(options);
        await writer.StartAsync(CancellationToken.None);
        return writer;
    }

    /// <summary>A writer not started yet: points written to it wait in its queue.</summary>
    private SeriesWriter CreateWriter(StorageOptions? options = null)
    {
        options ??= new StorageOptions();
        options.RetryFirstDelay = TimeSpan.FromMilliseconds(1);
        options.RetryMaxDelay = TimeSpan.FromMilliseconds(5);
        _health = new StorageHealth(new FakeLogger<StorageHealth>(_logs), TimeProvider.System);
        _writer = new SeriesWriter(
            _store,
            StorageEngine.For(SqlEngine.Sqlite),
            _health,
            _observers,
            Options.Create(options),
            new FakeLogger<SeriesWriter>(_logs),
            TimeProvider.System);
        return _writer;
    }

    private static SenMLRecord[] Points(string series, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new SenMLRecord(series, T0.AddMinutes(i), "W", Value: i))];

    private sealed class DelegateObserver(Action<IReadOnlyList<SenMLRecord>> onCommitted) : IPointsCommittedObserver
    {
        public ValueTask OnPointsCommittedAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
        {
            onCommitted(points);
            return ValueTask.CompletedTask;
        }
    }
}
