using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Quoalise.Adapters.Storage;

namespace Quoalise.IntegrationTests.Storage;

[TestFixture(SqlEngine.Sqlite)]
[TestFixture(SqlEngine.MySql)]
[TestFixture(SqlEngine.Postgres)]
public sealed class GroupCommitTests(SqlEngine engine) : StorageFixture(engine)
{
    private const string Insert = "INSERT INTO group_rows (batch, position) VALUES (@batch, @position)";

    private IDatabase Db => Get<IDatabase>();

    [OneTimeSetUp]
    public async Task CreateTableAsync()
    {
        await using var connection = await Db.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("CREATE TABLE group_rows (batch VARCHAR(40) NOT NULL, position BIGINT NOT NULL, PRIMARY KEY (batch, position))");
    }

    [Test]
    public async Task Concurrent_writes_commit_in_shared_transactions_and_each_caller_gets_its_own_result()
    {
        var batch = Guid.NewGuid().ToString("N");
        var transactions = new ConcurrentDictionary<DbTransaction, byte>();

        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Db.WriteTogetherAsync(
            async (connection, transaction) =>
            {
                transactions.TryAdd(transaction, 0);
                await connection.ExecuteAsync(new CommandDefinition(Insert, new { batch, position = i }, transaction));
                return i;
            },
            CancellationToken.None)));

        results.Should().Equal(Enumerable.Range(0, 300));
        (await PositionsAsync(batch)).Should().Equal(Enumerable.Range(0, 300).Select(i => (long)i));
        transactions.Count.Should().BeLessThan(30, "writes queued together commit together");
    }

    [Test]
    public async Task A_failing_write_fails_only_its_own_caller_and_leaves_nothing_behind()
    {
        var batch = Guid.NewGuid().ToString("N");

        var writes = Enumerable.Range(0, 50).Select(i => Db.WriteTogetherAsync(
            async (connection, transaction) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(Insert, new { batch, position = i }, transaction));
                if (i == 25)
                {
                    // Its first row goes in, then a duplicate key fails the statement (and, on PostgreSQL, the transaction).
                    await connection.ExecuteAsync(new CommandDefinition(Insert, new { batch, position = 1_000 }, transaction));
                    await connection.ExecuteAsync(new CommandDefinition(Insert, new { batch, position = 1_000 }, transaction));
                }
            },
            CancellationToken.None)).ToList();

        await FluentActions.Awaiting(() => writes[25]).Should().ThrowAsync<DbException>();
        await Task.WhenAll(writes.Where((_, i) => i != 25));
        (await PositionsAsync(batch)).Should().Equal(Enumerable.Range(0, 50).Where(i => i != 25).Select(i => (long)i));
    }

    [Test]
    public async Task A_write_whose_caller_gave_up_before_it_began_is_not_run()
    {
        var batch = Guid.NewGuid().ToString("N");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var write = Db.WriteTogetherAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(Insert, new { batch, position = 1 }, transaction)), cancelled.Token);

        await FluentActions.Awaiting(() => write).Should().ThrowAsync<OperationCanceledException>();
        (await PositionsAsync(batch)).Should().BeEmpty();
    }

    private async Task<List<long>> PositionsAsync(string batch)
    {
        await using var connection = await Db.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<long>("SELECT position FROM group_rows WHERE batch = @batch ORDER BY position", new { batch })];
    }
}
