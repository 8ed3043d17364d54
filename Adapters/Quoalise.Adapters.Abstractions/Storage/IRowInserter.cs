using System.Data.Common;

namespace Quoalise.Adapters.Storage;

/// <summary>
/// Inserts many rows into one table inside the caller's transaction, by the engine's fastest path; a row whose key
/// already exists is kept as it is. Made by <see cref="IDatabase.CreateRowInserter"/>, once per table. Thread-safe.
/// </summary>
/// <remarks>
/// Use it instead of a hand-built multi-row statement with named parameters: binding a value by name is a linear
/// search on SQLite and in Dapper, so such a statement costs the square of its parameter count (seconds for a
/// few thousand rows).
/// </remarks>
public interface IRowInserter
{
    /// <param name="rows">
    /// One array per row, its values in the order of the columns the inserter was made for: null for NULL, strings,
    /// numbers, bools or byte arrays, the types every engine stores alike (times as microseconds, as the component's
    /// tables do). On SQLite another type fails the insert with an <see cref="ArgumentException"/> naming the column.
    /// </param>
    Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken);
}
