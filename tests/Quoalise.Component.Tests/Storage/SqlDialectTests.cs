using Quoalise.Component.Storage;
using Quoalise.Component.Storage.MySql;
using Quoalise.Component.Storage.Postgres;
using Quoalise.Component.Storage.Sqlite;

namespace Quoalise.Component.Tests.Storage;

public sealed class SqlDialectTests
{
    [TestCase("sqlite")]
    [TestCase("postgres")]
    public void Sqlite_and_postgres_upsert_with_on_conflict(string engine)
    {
        SqlDialect dialect = engine == "sqlite" ? new SqliteDialect() : new PostgresDialect();
        dialect.Upsert("t", ["a", "b"], ["c", "d"]).Should().Be(
            "INSERT INTO t (a, b, c, d) VALUES (@a, @b, @c, @d) ON CONFLICT (a, b) DO UPDATE SET c = excluded.c, d = excluded.d");
        dialect.InsertIgnore("t", ["a", "c"], ["a"]).Should().Be(
            "INSERT INTO t (a, c) VALUES (@a, @c) ON CONFLICT (a) DO NOTHING");
        dialect.Limit("@n").Should().Be("LIMIT @n");
    }

    [Test]
    public void Mysql_upserts_on_duplicate_key_and_keeps_rows_with_a_no_op_update()
    {
        var dialect = new MySqlDialect();

        dialect.Upsert("t", ["a", "b"], ["c", "d"]).Should().Be(
            "INSERT INTO t (a, b, c, d) VALUES (@a, @b, @c, @d) ON DUPLICATE KEY UPDATE c = VALUES(c), d = VALUES(d)");
        dialect.InsertIgnore("t", ["a", "c"], ["a"]).Should().Be(
            "INSERT INTO t (a, c) VALUES (@a, @c) ON DUPLICATE KEY UPDATE a = a");
        dialect.Limit("@n").Should().Be("LIMIT @n");
    }
}
