using System.Data.Common;

namespace Quoalise.Component.Storage.Rows;

/// <summary>
/// An engine's way to insert many rows of one table inside the caller's transaction, with what follows the rows
/// (an upsert or keep clause) fixed when it is made. Stateless and thread-safe.
/// </summary>
internal interface IRowWriter<in TRow>
{
    Task WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<TRow> rows, int commandTimeoutSeconds, CancellationToken cancellationToken);
}

/// <summary>The value of column <paramref name="column"/> of <paramref name="row"/>, <see cref="DBNull"/> for none.</summary>
internal delegate object ColumnValue<in TRow>(TRow row, int column);
