using Quoalise.Adapters.Mqtt.Storage;

namespace Quoalise.Adapters.Mqtt.Tests.Storage;

public class MultiRowSqlTests
{
    // The spellings of the three ISqlDialect implementations (Quoalise.Component/Storage/{Sqlite,Postgres,MySql}).
    [TestCase(
        "INSERT INTO t (a, b) VALUES (@a, @b) ON CONFLICT (a) DO UPDATE SET b = excluded.b",
        "INSERT INTO t (a, b) VALUES (@a0, @b0), (@a1, @b1) ON CONFLICT (a) DO UPDATE SET b = excluded.b")]
    [TestCase(
        "INSERT INTO t (a, b) VALUES (@a, @b) ON DUPLICATE KEY UPDATE b = VALUES(b)",
        "INSERT INTO t (a, b) VALUES (@a0, @b0), (@a1, @b1) ON DUPLICATE KEY UPDATE b = VALUES(b)")]
    [TestCase(
        "INSERT INTO mqtt_errors (time_us, type) VALUES (@time_us, @type)",
        "INSERT INTO mqtt_errors (time_us, type) VALUES (@time_us0, @type0), (@time_us1, @type1)")]
    public void One_row_statements_become_multi_row_with_numbered_parameters(string single, string expanded)
    {
        MultiRowSql.Expand(single, 2).Should().Be(expanded);
    }

    [Test]
    public void A_statement_without_a_parameter_row_is_refused()
    {
        FluentActions.Invoking(() => MultiRowSql.Expand("DELETE FROM t", 2)).Should().Throw<FormatException>();
    }
}
