using System.Data;
using System.Data.Common;
using System.Text;
using Dapper;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;
using Quoalise.Component.Storage.Points;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.IntegrationTests.Storage;

/// <summary>Range reads are served by the primary key of core_points: each engine's own plan says so.</summary>
[TestFixture(SqlEngine.Sqlite)]
[TestFixture(SqlEngine.MySql)]
[TestFixture(SqlEngine.Postgres)]
public sealed class QueryPlanTests(SqlEngine engine) : StorageFixture(engine)
{
    private const int Series = 400;
    private const int PointsPerSeries = 50;
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private string _probed = string.Empty;

    [OneTimeSetUp]
    public async Task FillAsync()
    {
        // Enough rows, with statistics, that a planner preferring a full scan would show it.
        var names = Enumerable.Range(0, Series).Select(i => UniqueSeries($":{i}")).ToArray();
        _probed = names[Series / 2];
        var points = names
            .SelectMany(name => Enumerable.Range(0, PointsPerSeries).Select(i => new SenMLRecord(name, T0.AddMinutes(30 * i), "W", Value: i)))
            .ToArray();
        await Get<ISeriesWriter>().WriteAsync(points, CancellationToken.None);
        await using var connection = Database.Connect();
        await connection.ExecuteAsync(
            Engine switch
            {
                SqlEngine.Sqlite => "ANALYZE",
                SqlEngine.MySql => "ANALYZE TABLE core_points, core_series",
                _ => "ANALYZE core_points; ANALYZE core_series",
            },
            commandType: CommandType.Text);
    }

    [Test]
    public async Task A_range_read_uses_the_primary_key_and_scans_no_table()
    {
        var parameters = new
        {
            identifier = _probed,
            start_us = UnixMicroseconds.From(T0.AddDays(2)),
            end_us = UnixMicroseconds.From(T0.AddDays(3)),
            limit = 1000,
        };
        var plan = await ExplainAsync(PointStore.ReadRangeQuery(Get<IDatabase>().Dialect), parameters);

        switch (Engine)
        {
            case SqlEngine.Sqlite:
                plan.Should().Contain("SEARCH core_points USING PRIMARY KEY (series_id=? AND time_us>? AND time_us<?)")
                    .And.Contain("SEARCH core_series USING COVERING INDEX")
                    .And.NotContain("SCAN");
                // While the points log holds points of the range: the log has no index by design (PointLog), so it
                // is the one table scanned, and it holds at most a couple of seconds of points.
                var withLog = await ExplainAsync(PointStore.ReadRangeWithLogQuery(Get<IDatabase>().Dialect), parameters);
                withLog.Should().Contain("SEARCH core_points USING PRIMARY KEY (series_id=? AND time_us>? AND time_us<?)");
                withLog.Split('\n').Where(line => line.StartsWith("SCAN core_", StringComparison.Ordinal)).Should().Equal("SCAN core_points_log");
                break;
            case SqlEngine.MySql:
                plan.Should().Contain("core_points|range|PRIMARY").And.NotContain("|ALL|");
                break;
            default:
                plan.Should().Contain("using core_points_pkey on core_points")
                    .And.Contain("Index Scan using core_series_identifier_key on core_series")
                    .And.NotContain("Seq Scan");
                break;
        }
    }

    private async Task<string> ExplainAsync(string sql, object parameters)
    {
        await using var connection = Database.Connect();
        var prefix = Engine == SqlEngine.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
        await using var reader = await connection.ExecuteReaderAsync(prefix + sql, parameters);
        var plan = new StringBuilder();
        while (await reader.ReadAsync())
        {
            plan.AppendLine(Engine switch
            {
                // id, parent, notused, detail
                SqlEngine.Sqlite => reader.GetString(3),
                // table, access type, key: enough to tell an index range from a full scan (type ALL).
                SqlEngine.MySql => $"{Column(reader, "table")}|{Column(reader, "type")}|{Column(reader, "key")}",
                _ => reader.GetString(0),
            });
        }

        TestContext.Out.WriteLine(plan);
        return plan.ToString();
    }

    private static string Column(DbDataReader reader, string name) =>
        reader.IsDBNull(reader.GetOrdinal(name)) ? string.Empty : Convert.ToString(reader[name], System.Globalization.CultureInfo.InvariantCulture)!;
}
