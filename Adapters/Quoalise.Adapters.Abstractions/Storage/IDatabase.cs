using System.Data.Common;

namespace Quoalise.Adapters.Storage;

/// <summary>
/// The configured database, for adapters' own tables (queried with Dapper). Thread-safe; each call
/// opens a pooled connection that the caller disposes.
/// </summary>
public interface IDatabase
{
    SqlEngine Engine { get; }

    /// <summary>The engine's gaps (upsert, paging, now) behind one interface, so stores never branch on the engine.</summary>
    ISqlDialect Dialect { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs a small write in a transaction shared with other callers' small writes, committed once for all of them,
    /// and completes once that transaction has committed: each commit waits for the disk (docs/storage.md,
    /// "Group commit"). The write must use only the connection and transaction it is given, never open another
    /// connection (on SQLite that waits forever), pass the transaction to every command, and be safe to run twice:
    /// when the shared transaction fails, every write in it runs again alone, so that a bad write fails only its own
    /// caller. A write whose <paramref name="cancellationToken"/> fires before it starts is not run.
    /// </summary>
    /// <returns>What <paramref name="write"/> returned in the transaction that committed.</returns>
    Task<T> WriteTogetherAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken);

    /// <inheritdoc cref="WriteTogetherAsync{T}"/>
    Task WriteTogetherAsync(Func<DbConnection, DbTransaction, Task> write, CancellationToken cancellationToken) =>
        WriteTogetherAsync(
            async (connection, transaction) =>
            {
                await write(connection, transaction);
                return true;
            },
            cancellationToken);

    /// <summary>An insert-or-keep of many rows into <paramref name="table"/>, keyed on <paramref name="keyColumns"/>.</summary>
    IRowInserter CreateRowInserter(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns);
}
