using System.Data.Common;
using Quoalise.Adapters.Storage;

namespace Quoalise.Component.Storage.Rows;

/// <summary>An adapter's <see cref="IRowInserter"/>: the engine's row writer, with the configured command timeout.</summary>
internal sealed class RowInserter(IRowWriter<object?[]> writer, int commandTimeoutSeconds) : IRowInserter
{
    public Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken) =>
        rows.Count == 0 ? Task.CompletedTask : writer.WriteAsync(connection, transaction, rows, commandTimeoutSeconds, cancellationToken);

    /// <summary>A value of an adapter's row as the drivers want it.</summary>
    public static object ValueOf(object?[] row, int column) => row[column] ?? DBNull.Value;
}
