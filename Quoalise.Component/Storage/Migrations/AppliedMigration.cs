namespace Quoalise.Component.Storage.Migrations;

/// <summary>A schema step applied by one run of <see cref="MigrationRunner"/>.</summary>
/// <param name="Owner">Whose tables: <c>core</c> or an adapter's name.</param>
public sealed record AppliedMigration(string Owner, int Version, string Name);
