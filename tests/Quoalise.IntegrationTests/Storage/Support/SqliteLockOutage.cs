using Microsoft.Data.Sqlite;

namespace Quoalise.IntegrationTests.Storage;

/// <summary>
/// An embedded database has no server to kill: another connection takes the exclusive lock instead, so the
/// component's writes fail with SQLITE_BUSY once its one-second busy timeout runs out.
/// </summary>
internal sealed class SqliteLockOutage(TestDatabase database) : Outage
{
    private SqliteConnection? _holder;

    public override string ConnectionString => database.ConnectionString + ";Default Timeout=1";

    public override async Task BeginAsync()
    {
        _holder = new SqliteConnection(database.ConnectionString + ";Pooling=False");
        await _holder.OpenAsync();
        await using var command = _holder.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE";
        await command.ExecuteNonQueryAsync();
    }

    public override async Task EndAsync()
    {
        await using var command = _holder!.CreateCommand();
        command.CommandText = "ROLLBACK";
        await command.ExecuteNonQueryAsync();
        await _holder.DisposeAsync();
    }
}
