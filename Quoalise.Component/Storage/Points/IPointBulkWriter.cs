using System.Data.Common;

namespace Quoalise.Component.Storage.Points;

/// <summary>
/// An engine's fastest way to upsert many points inside the caller's transaction. Rows are unique on
/// (series, time) already. Stateless and thread-safe.
/// </summary>
internal interface IPointBulkWriter
{
    Task WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PointRow> rows, int commandTimeoutSeconds, CancellationToken cancellationToken);
}
