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

    /// <summary>An insert-or-keep of many rows into <paramref name="table"/>, keyed on <paramref name="keyColumns"/>.</summary>
    IRowInserter CreateRowInserter(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns);
}
