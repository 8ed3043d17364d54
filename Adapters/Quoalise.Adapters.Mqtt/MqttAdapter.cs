using Microsoft.Extensions.Logging;
using Quoalise.Adapters.Access;
using Quoalise.Adapters.Mqtt.Commands;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Mqtt;

/// <summary>
/// The MQTT adapter's registrations: its tables and its commands. Series are registered in the catalogue at
/// run time, as beds become known (<see cref="BedDirectory"/>), since beds live in the database.
/// </summary>
internal sealed class MqttAdapter(
    IControllerStore controllers,
    IIngestErrorStore errors,
    IBedStore bedStore,
    BedDirectory beds,
    IAccessPolicy access,
    TimeProvider time,
    ILogger<MqttAdapter> logger) : IQuoaliseAdapter
{
    public const string AdapterName = "mqtt";

    public string Name => AdapterName;

    public void Register(IAdapterRegistry registry)
    {
        registry.AddMigrations(new MigrationSet(AdapterName, typeof(MqttAdapter).Assembly));
        registry.AddCommand(GetControllersCommand.Create(controllers));
        registry.AddCommand(GetIngestErrorsCommand.Create(errors, time));
        registry.AddCommand(GetBedsCommand.Create(bedStore, beds, access));
        registry.AddCommand(RegisterBedCommand.Create(beds, time, logger));
    }
}
