using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Points;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.IntegrationTests.Storage;

[TestFixture(SqlEngine.Sqlite)]
[TestFixture(SqlEngine.MySql)]
[TestFixture(SqlEngine.Postgres)]
public sealed class PointStoreTests(SqlEngine engine) : StorageFixture(engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly CommittedPointsRecorder _recorder = new();

    private ISeriesWriter Writer => Get<ISeriesWriter>();

    private ISeriesReader Reader => Get<ISeriesReader>();

    [Test]
    public async Task Every_value_kind_with_unit_sum_and_update_time_reads_back_as_written()
    {
        var series = UniqueSeries();
        SenMLRecord[] points =
        [
            new(series, T0, "Cel", Value: 21.5, UpdateTime: 60),
            new(series, T0.AddMinutes(1), StringValue: "open"),
            new(series, T0.AddMinutes(2), BooleanValue: true),
            new(series, T0.AddMinutes(3), BooleanValue: false),
            new(series, T0.AddMinutes(4), DataValue: "AQID"),
            new(series, T0.AddMinutes(5), "Wh", Value: 1.25, Sum: 1234.5),
            new(series, T0.AddMinutes(6), "W", Value: -0.0001),
        ];

        await Writer.WriteAsync(points, CancellationToken.None);

        var page = await Reader.ReadAsync(new SeriesQuery(series, T0, T0.AddHours(1), 100), CancellationToken.None);
        page.Points.Should().Equal(points);
        page.NextAfter.Should().BeNull();
    }

    [Test]
    public async Task The_longest_string_and_data_values_accepted_are_stored_whole()
    {
        var series = UniqueSeries();
        SenMLRecord[] points =
        [
            new(series, T0, StringValue: new string('é', PointValidator.MaxStringValueBytes / 2)),
            new(series, T0.AddSeconds(1), DataValue: new string('A', PointValidator.MaxStringValueBytes)),
        ];

        await Writer.WriteAsync(points, CancellationToken.None);

        (await Reader.ReadAsync(new SeriesQuery(series, T0, T0.AddMinutes(1), 10), CancellationToken.None)).Points.Should().Equal(points);
    }

    [Test]
    public async Task Readings_within_the_same_second_stay_distinct_to_the_microsecond()
    {
        var series = UniqueSeries();
        var points = Enumerable.Range(0, 5)
            .Select(i => new SenMLRecord(series, T0.AddTicks(i * 10), Value: i))
            .ToArray();

        await Writer.WriteAsync(points, CancellationToken.None);

        var page = await Reader.ReadAsync(new SeriesQuery(series, T0, T0.AddSeconds(1), 100), CancellationToken.None);
        page.Points.Select(p => p.Time).Should().Equal(points.Select(p => p.Time));
        page.Points.Should().OnlyContain(p => p.Time.Offset == TimeSpan.Zero);
    }

    [Test]
    public async Task Replaying_a_write_never_duplicates_and_the_last_value_wins()
    {
        var series = UniqueSeries();
        var first = Enumerable.Range(0, 50).Select(i => new SenMLRecord(series, T0.AddMinutes(30 * i), "Cel", Value: i)).ToArray();
        var replay = first.Select(p => p with { Value = p.Value + 100 }).ToArray();

        await Writer.WriteAsync(first, CancellationToken.None);
        await Writer.WriteAsync(first, CancellationToken.None);
        await Writer.WriteAsync(replay, CancellationToken.None);

        (await CountRowsAsync(series)).Should().Be(50);
        var page = await Reader.ReadAsync(new SeriesQuery(series, T0, T0.AddDays(2), 100), CancellationToken.None);
        page.Points.Should().Equal(replay);
    }

    [Test]
    public async Task A_batch_mixing_new_points_and_rewrites_keeps_each_point_once_with_its_last_value_batch_after_batch()
    {
        var rewriting = UniqueSeries("rewriting");
        var fresh = UniqueSeries("fresh");
        var learnedBefore = LearnedRewritingSeries();
        await Writer.WriteAsync([new SenMLRecord(rewriting, T0, "W", Value: 1)], CancellationToken.None);

        // On PostgreSQL the plain insert of this batch fails on the first point, and the whole batch is upserted.
        await Writer.WriteAsync(
            [new SenMLRecord(rewriting, T0, "W", Value: 2), new SenMLRecord(fresh, T0, "W", Value: 10), new SenMLRecord(rewriting, T0.AddMinutes(1), "W", Value: 3)],
            CancellationToken.None);
        var learned = LearnedRewritingSeries();
        // Then the rewriting series goes straight to the upsert, the other one is inserted.
        await Writer.WriteAsync([new SenMLRecord(rewriting, T0, "W", Value: 4), new SenMLRecord(fresh, T0.AddMinutes(1), "W", Value: 11)], CancellationToken.None);

        var range = (Start: T0, End: T0.AddMinutes(2));
        (await Reader.ReadAsync(new SeriesQuery(rewriting, range.Start, range.End, 10), CancellationToken.None)).Points.Select(p => p.Value).Should().Equal(4, 3);
        (await Reader.ReadAsync(new SeriesQuery(fresh, range.Start, range.End, 10), CancellationToken.None)).Points.Select(p => p.Value).Should().Equal(10, 11);
        (await CountRowsAsync(rewriting)).Should().Be(2);
        (await CountRowsAsync(fresh)).Should().Be(2);
        if (Engine == SqlEngine.Postgres)
        {
            learned.Should().Be(learnedBefore + 1, "only the series that rewrote a point is sent to the upsert from then on");
        }
    }

    [Test]
    public async Task A_batch_of_more_new_series_than_one_lookup_holds_stores_each_point_under_its_own_series()
    {
        // 1,201: three lookups of new series ids (500 a statement), the last one short.
        var prefix = UniqueSeries("new");
        var series = Enumerable.Range(0, 1_201).Select(i => $"{prefix}{i:D4}").ToList();

        await Writer.WriteAsync([.. series.Select((name, i) => new SenMLRecord(name, T0, "W", Value: i))], CancellationToken.None);

        foreach (var i in new[] { 0, 499, 500, 1_000, 1_200 })
        {
            (await Reader.ReadAsync(new SeriesQuery(series[i], T0, T0.AddSeconds(1), 10), CancellationToken.None)).Points
                .Should().Equal(new SenMLRecord(series[i], T0, "W", Value: i));
        }

        await Database.WaitUntilPointsMergedAsync();
        await using var connection = Database.Connect();
        (await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(DISTINCT p.series_id) FROM core_points p JOIN core_series s ON s.id = p.series_id WHERE s.identifier LIKE @prefix",
            new { prefix = prefix + "%" })).Should().Be(1_201);
    }

    [Test]
    public async Task A_point_rewritten_after_it_was_merged_reads_as_its_last_value_before_and_after_the_next_merge()
    {
        var series = UniqueSeries();
        var point = new SenMLRecord(series, T0, "W", Value: 1);
        await Writer.WriteAsync([point], CancellationToken.None);
        await Database.WaitUntilPointsMergedAsync();

        await Writer.WriteAsync([point with { Value = 2 }, point with { Value = 3 }], CancellationToken.None);

        var query = new SeriesQuery(series, T0, T0.AddSeconds(1), 10);
        (await Reader.ReadAsync(query, CancellationToken.None)).Points.Should().Equal(point with { Value = 3 });
        (await CountRowsAsync(series)).Should().Be(1);
        (await Reader.ReadAsync(query, CancellationToken.None)).Points.Should().Equal(point with { Value = 3 });
    }

    [Test]
    public async Task Pages_run_across_merged_points_and_points_still_in_the_log_in_time_order()
    {
        var series = UniqueSeries();
        var points = Enumerable.Range(0, 20).Select(i => new SenMLRecord(series, T0.AddMinutes(i), "W", Value: i)).ToArray();
        // Every other point first, merged; the rest after, so that the two halves interleave in time.
        await Writer.WriteAsync([.. points.Where((_, i) => i % 2 == 0)], CancellationToken.None);
        await Database.WaitUntilPointsMergedAsync();
        await Writer.WriteAsync([.. points.Where((_, i) => i % 2 == 1)], CancellationToken.None);

        var read = new List<SenMLRecord>();
        DateTimeOffset? after = null;
        do
        {
            var page = await Reader.ReadAsync(new SeriesQuery(series, T0, T0.AddHours(1), 3, after), CancellationToken.None);
            read.AddRange(page.Points);
            after = page.NextAfter;
        }
        while (after is not null);

        read.Should().Equal(points);
    }

    [Test]
    public async Task The_same_instant_twice_in_one_write_keeps_the_later_point()
    {
        var series = UniqueSeries();

        await Writer.WriteAsync([new(series, T0, Value: 1), new(series, T0, Value: 2)], CancellationToken.None);

        var page = await Reader.ReadAsync(new SeriesQuery(series, T0, T0.AddSeconds(1), 10), CancellationToken.None);
        page.Points.Should().ContainSingle().Which.Value.Should().Be(2);
    }

    [Test]
    public async Task A_range_includes_its_start_and_excludes_its_end()
    {
        var series = UniqueSeries();
        await Writer.WriteAsync([.. Enumerable.Range(0, 5).Select(i => new SenMLRecord(series, T0.AddHours(i), Value: i))], CancellationToken.None);

        var page = await Reader.ReadAsync(new SeriesQuery(series, T0.AddHours(1), T0.AddHours(3), 100), CancellationToken.None);

        page.Points.Select(p => p.Value).Should().Equal(1, 2);
    }

    [Test]
    public async Task Pages_follow_each_other_through_After_until_the_range_is_exhausted()
    {
        var series = UniqueSeries();
        var points = Enumerable.Range(0, 25).Select(i => new SenMLRecord(series, T0.AddMinutes(30 * i), Value: i)).ToArray();
        await Writer.WriteAsync(points, CancellationToken.None);

        var read = new List<SenMLRecord>();
        DateTimeOffset? after = null;
        var pages = 0;
        do
        {
            var page = await Reader.ReadAsync(new SeriesQuery(series, T0, T0.AddDays(1), 10, after), CancellationToken.None);
            read.AddRange(page.Points);
            after = page.NextAfter;
            pages++;
        }
        while (after is not null);

        read.Should().Equal(points);
        pages.Should().Be(3);
    }

    [Test]
    public async Task A_full_last_page_says_nothing_follows()
    {
        var series = UniqueSeries();
        await Writer.WriteAsync([.. Enumerable.Range(0, 10).Select(i => new SenMLRecord(series, T0.AddMinutes(i), Value: i))], CancellationToken.None);

        var page = await Reader.ReadAsync(new SeriesQuery(series, T0, T0.AddDays(1), 10), CancellationToken.None);

        page.Points.Should().HaveCount(10);
        page.NextAfter.Should().BeNull();
    }

    [Test]
    public async Task An_unknown_series_reads_as_an_empty_page()
    {
        var page = await Reader.ReadAsync(new SeriesQuery(UniqueSeries(), T0, T0.AddDays(1), 10), CancellationToken.None);

        page.Points.Should().BeEmpty();
        page.NextAfter.Should().BeNull();
    }

    [Test]
    public async Task Points_of_an_unregistered_series_are_kept_and_registering_it_later_keeps_them()
    {
        var series = UniqueSeries();
        var catalog = Get<ISeriesCatalog>();
        await Writer.WriteAsync([new(series, T0, Value: 1)], CancellationToken.None);

        (await catalog.FindAsync(series, CancellationToken.None)).Should().BeNull();
        await catalog.RegisterAsync([new SeriesDefinition(series, "tests", QuoaliseMeta.Empty)], CancellationToken.None);

        (await catalog.FindAsync(series, CancellationToken.None)).Should().NotBeNull();
        (await Reader.ReadAsync(new SeriesQuery(series, T0, T0.AddDays(1), 10), CancellationToken.None)).Points.Should().ContainSingle();
    }

    [Test]
    public async Task Observers_see_points_only_once_they_are_committed()
    {
        var series = UniqueSeries();
        var points = Enumerable.Range(0, 3).Select(i => new SenMLRecord(series, T0.AddMinutes(i), Value: i)).ToArray();

        await Writer.WriteAsync(points, CancellationToken.None);

        var seen = await _recorder.WaitForAsync(series).WaitAsync(TimeSpan.FromSeconds(10));
        seen.Points.Should().Equal(points);
        seen.ReadableWhenNotified.Should().Be(points.Length);
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(_recorder);
        services.AddSingleton<IPointsCommittedObserver>(sp =>
        {
            _recorder.Reader = sp.GetRequiredService<ISeriesReader>();
            return _recorder;
        });
    }

    private int LearnedRewritingSeries() =>
        Get<Component.Storage.Database>().StorageEngine.PointWriter is Component.Storage.Postgres.PostgresPointWriter writer ? writer.RewritingSeriesCount : 0;

    private async Task<long> CountRowsAsync(string series)
    {
        await Database.WaitUntilPointsMergedAsync();
        await using var connection = Database.Connect();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM core_points WHERE series_id = (SELECT id FROM core_series WHERE identifier = @series)", new { series });
    }
}
