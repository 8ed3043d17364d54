using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Ocpp.Tests.Storage;

public class MultiRowInsertTests
{
    [Test]
    public void The_rows_repeat_with_numbered_parameters_and_the_dialects_conflict_clause_follows()
    {
        var insert = new MultiRowInsert(new OnConflictDialect(), "t", ["a", "b"], ["a"]);

        insert.For(2).Should().Be("INSERT INTO t (a, b) VALUES (@a_0, @b_0), (@a_1, @b_1) ON CONFLICT (a) DO NOTHING");
        insert.For(2).Should().BeSameAs(insert.For(2), "statements are built once per row count");
    }

    [Test]
    public void A_dialect_spelling_inserts_otherwise_is_refused_at_once()
    {
        var build = () => new MultiRowInsert(new StrangeDialect(), "t", ["a"], ["a"]);

        build.Should().Throw<InvalidOperationException>().WithMessage("*INSERT INTO … VALUES (@column, …)*");
    }

    private sealed class OnConflictDialect : ISqlDialect
    {
        public SqlEngine Engine => SqlEngine.Sqlite;

        public string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> otherColumns) => throw new NotSupportedException();

        public string InsertIgnore(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns) =>
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) ON CONFLICT ({string.Join(", ", keyColumns)}) DO NOTHING";

        public string Limit(string limitParameter) => $"LIMIT {limitParameter}";
    }

    private sealed class StrangeDialect : ISqlDialect
    {
        public SqlEngine Engine => SqlEngine.Sqlite;

        public string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> otherColumns) => throw new NotSupportedException();

        public string InsertIgnore(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns) => $"INSERT OR IGNORE INTO {table} SELECT 1";

        public string Limit(string limitParameter) => $"LIMIT {limitParameter}";
    }
}
