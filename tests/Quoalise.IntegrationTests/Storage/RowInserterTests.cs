using Dapper;
using Quoalise.Adapters.Storage;

namespace Quoalise.IntegrationTests.Storage;

[TestFixture(SqlEngine.Sqlite)]
[TestFixture(SqlEngine.MySql)]
[TestFixture(SqlEngine.Postgres)]
public sealed class RowInserterTests(SqlEngine engine) : StorageFixture(engine)
{
    private static readonly string[] Columns = ["batch", "position", "label", "reading", "note"];

    private IDatabase Db => Get<IDatabase>();

    [OneTimeSetUp]
    public async Task CreateTableAsync()
    {
        await using var connection = await Db.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            "CREATE TABLE inserter_rows (batch VARCHAR(40) NOT NULL, position BIGINT NOT NULL, label VARCHAR(64) NOT NULL, " +
            "reading DOUBLE PRECISION NULL, note VARCHAR(200) NULL, PRIMARY KEY (batch, position))");
    }

    [Test]
    public async Task Thousands_of_rows_with_nulls_and_any_text_read_back_as_written()
    {
        // More rows than one statement holds on the server engines (1,000 on MariaDB, 6,000 here on PostgreSQL).
        var batch = Guid.NewGuid().ToString("N");
        var rows = Enumerable.Range(0, 7_001)
            .Select(i => new object?[] { batch, (long)i, $"é-{i}-'\"", i % 3 == 0 ? null : i / 7.0, i % 5 == 0 ? null : new string('x', i % 200) })
            .ToList();

        await InsertAsync(rows);

        var stored = await ReadAsync(batch);
        stored.Should().HaveCount(rows.Count);
        stored.Select(r => (object?[])[r.batch, r.position, r.label, r.reading, r.note]).Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
    }

    [Test]
    public async Task A_row_whose_key_exists_is_kept_as_it_was_and_the_others_are_added()
    {
        var batch = Guid.NewGuid().ToString("N");
        await InsertAsync([[batch, 1L, "first", 1.0, null]]);

        await InsertAsync([[batch, 1L, "replayed", 2.0, "changed"], [batch, 2L, "new", 3.0, null], [batch, 2L, "same batch again", 4.0, null]]);

        var stored = await ReadAsync(batch);
        stored.Select(r => (r.position, r.label, r.reading, r.note)).Should().Equal((1L, "first", 1.0, null), (2L, "new", 3.0, null));
    }

    [Test]
    public async Task Rows_inserted_in_a_transaction_rolled_back_are_not_stored()
    {
        var batch = Guid.NewGuid().ToString("N");
        await using (var connection = await Db.OpenAsync(CancellationToken.None))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await Db.CreateRowInserter("inserter_rows", Columns, ["batch", "position"]).InsertAsync(connection, transaction, [[batch, 1L, "gone", null, null]], CancellationToken.None);
            await transaction.RollbackAsync();
        }

        (await ReadAsync(batch)).Should().BeEmpty();
    }

    [Test]
    public async Task Short_integers_floats_and_decimals_are_stored_as_numbers()
    {
        var batch = Guid.NewGuid().ToString("N");

        await InsertAsync([[batch, (short)1, "short and float", 2.5f, null], [batch, 2, "int and decimal", 0.125m, null]]);

        (await ReadAsync(batch)).Should().Equal((batch, 1L, "short and float", 2.5, null), (batch, 2L, "int and decimal", 0.125, null));
    }

    private async Task InsertAsync(IReadOnlyList<object?[]> rows)
    {
        await using var connection = await Db.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await Db.CreateRowInserter("inserter_rows", Columns, ["batch", "position"]).InsertAsync(connection, transaction, rows, CancellationToken.None);
        await transaction.CommitAsync();
    }

    private async Task<List<(string batch, long position, string label, double? reading, string? note)>> ReadAsync(string batch)
    {
        await using var connection = await Db.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(string, long, string, double?, string?)>(
            "SELECT batch, position, label, reading, note FROM inserter_rows WHERE batch = @batch ORDER BY position", new { batch });
        return [.. rows];
    }
}
