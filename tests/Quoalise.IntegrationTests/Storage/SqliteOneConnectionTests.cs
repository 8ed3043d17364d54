using Quoalise.Component.Storage;

namespace Quoalise.IntegrationTests.Storage;

/// <summary>
/// On SQLite the component uses one connection at a time, queued asynchronously, instead of letting writers
/// poll SQLite's single write lock (see SqliteEngine.OneConnectionAtATime).
/// </summary>
public class SqliteOneConnectionTests
{
    private TestDatabase _file = null!;

    [SetUp]
    public async Task CreateFileAsync() => _file = await TestDatabase.CreateAsync(Adapters.Storage.SqlEngine.Sqlite);

    [TearDown]
    public async Task DeleteFileAsync() => await _file.DisposeAsync();

    [Test]
    public async Task A_second_open_waits_until_the_first_connection_is_disposed()
    {
        await using var database = Open(TimeSpan.FromSeconds(30));
        var first = await database.OpenAsync(CancellationToken.None);

        var second = database.OpenAsync(CancellationToken.None);
        await Task.Delay(200);
        second.IsCompleted.Should().BeFalse("the first connection is still held");

        await first.DisposeAsync();
        await using var granted = await second.WaitAsync(TimeSpan.FromSeconds(10));
        granted.State.Should().Be(System.Data.ConnectionState.Open);
    }

    [Test]
    public async Task A_holder_that_never_gives_its_connection_back_makes_the_next_open_fail_naming_the_setting()
    {
        await using var database = Open(TimeSpan.FromSeconds(1));
        await using var held = await database.OpenAsync(CancellationToken.None);

        var open = () => database.OpenAsync(CancellationToken.None);

        (await open.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain("Storage:CommandTimeout");
    }

    [Test]
    public async Task A_cancelled_wait_gives_nothing_away_and_the_queue_moves_on()
    {
        await using var database = Open(TimeSpan.FromSeconds(30));
        var first = await database.OpenAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = database.OpenAsync(cancel.Token);
        var next = database.OpenAsync(CancellationToken.None);

        await cancel.CancelAsync();
        await first.DisposeAsync();

        await cancelled.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        await using var granted = await next.WaitAsync(TimeSpan.FromSeconds(10));
        granted.State.Should().Be(System.Data.ConnectionState.Open);
    }

    private Database Open(TimeSpan commandTimeout) =>
        Database.Create(new StorageOptions { Provider = _file.Provider, ConnectionString = _file.ConnectionString, CommandTimeout = commandTimeout });
}
