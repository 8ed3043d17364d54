using System.Reflection;

namespace Quoalise.Adapters.Storage;

/// <summary>
/// An owner's schema steps: SQL files embedded in <see cref="Assembly"/> under
/// <c>{ResourceFolder}/{dialect}/NNNN_what.sql</c> (dialect = sqlite, mysql, postgres). Steps apply in
/// number order, once each, recorded per owner in the version table.
/// </summary>
/// <param name="Owner">The table-name prefix and version-table key, e.g. <c>core</c>, <c>mqtt</c>.</param>
/// <param name="Assembly">Where the SQL files are embedded.</param>
/// <param name="ResourceFolder">Folder of the files inside the project, e.g. <c>Storage/Sql</c>.</param>
public sealed record MigrationSet(string Owner, Assembly Assembly, string ResourceFolder = "Storage/Sql");
