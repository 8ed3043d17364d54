using Quoalise.Adapters.Storage;

namespace Quoalise.Component.Storage.Migrations;

/// <summary>The component's own tables (points, catalogue, subscriptions, audit): <c>Storage/Sql/{engine}/</c> of this assembly.</summary>
internal static class CoreMigrations
{
    public const string Owner = "core";

    public static MigrationSet Set { get; } = new(Owner, typeof(CoreMigrations).Assembly);
}
