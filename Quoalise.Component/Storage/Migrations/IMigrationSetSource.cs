using Quoalise.Adapters.Storage;

namespace Quoalise.Component.Storage.Migrations;

/// <summary>
/// Migration sets known only once the host is built: adapters hand theirs to
/// <c>IAdapterRegistry.AddMigrations</c> when they register, after DI is sealed. Read when the runner
/// is first resolved, which is after the adapters have registered.
/// </summary>
public interface IMigrationSetSource
{
    IReadOnlyList<MigrationSet> Migrations { get; }
}
