using System.Data.Common;

namespace Quoalise.Component.Storage.Migrations;

/// <summary>
/// The right to migrate, held until disposed. Where the lock is a transaction (SQLite), every step runs
/// in <see cref="Transaction"/> and <see cref="CompleteAsync"/> commits them together; elsewhere the lock
/// is a session lock and each step gets its own transaction. Not thread-safe: one runner owns it.
/// </summary>
internal sealed class MigrationLease : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly Func<DbConnection, Task>? _release;

    private MigrationLease(DbConnection connection, DbTransaction? transaction, Func<DbConnection, Task>? release)
    {
        _connection = connection;
        Transaction = transaction;
        _release = release;
    }

    /// <summary>The transaction that is the lock, or null when the lock is held by the session.</summary>
    public DbTransaction? Transaction { get; }

    public static MigrationLease OfTransaction(DbConnection connection, DbTransaction transaction) => new(connection, transaction, null);

    public static MigrationLease OfSession(DbConnection connection, Func<DbConnection, Task> release) => new(connection, null, release);

    public Task CompleteAsync(CancellationToken cancellationToken) =>
        Transaction?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null)
        {
            await Transaction.DisposeAsync();
        }

        // A broken connection has lost its session lock already; releasing it would only hide the first error.
        if (_release is not null && _connection.State == System.Data.ConnectionState.Open)
        {
            await _release(_connection);
        }
    }
}
