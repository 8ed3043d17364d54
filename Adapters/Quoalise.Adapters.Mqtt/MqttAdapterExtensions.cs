using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Mqtt;
using Quoalise.Adapters.Mqtt.Broker;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Options;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Adapters.Mqtt.Topics;
using Quoalise.Adapters.Storage;

// The entry point lives in the hosting namespace, where Program.cs finds it without a using.
namespace Microsoft.Extensions.Hosting;

/// <summary>The MQTT adapter's one public entry point (docs/mqtt.md).</summary>
public static class MqttAdapterExtensions
{
    /// <summary>
    /// Binds and validates the <c>Mqtt</c> section (every wrong key reported at start-up), and registers the
    /// adapter: its tables and commands, the ingest pipeline, and the embedded broker or the external client
    /// per <c>Mqtt:Mode</c>. Needs the component's storage (<c>IDatabase</c>, <c>ISeriesWriter</c>,
    /// <c>ISeriesCatalog</c>) and access policy.
    /// </summary>
    public static IHostApplicationBuilder AddMqttAdapter(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<MqttOptions>().Bind(builder.Configuration.GetSection(MqttOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Resolved only after validation passed (ValidateOnStart runs before hosted services are built).
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MqttOptions>>().Value);
        services.AddSingleton(sp => new TopicRouter(sp.GetRequiredService<MqttOptions>().Topics));
        services.AddSingleton(sp => new SensorCatalog(sp.GetRequiredService<MqttOptions>().EffectiveSensors));
        services.AddSingleton<ReadingsPayloadParser>();
        services.AddSingleton<ReceptionClock>();
        services.AddSingleton<IBedStore, BedStore>();
        services.AddSingleton<IControllerStore, ControllerStore>();
        services.AddSingleton<IIngestErrorStore, IngestErrorStore>();
        services.AddSingleton(sp => new DatabaseRetry(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DatabaseRetry>>(),
            e => sp.GetRequiredService<IngestErrorJournal>().RecordOutage(e)));
        services.AddSingleton<IngestErrorJournal>();
        services.AddSingleton<DeliveryJournal>();
        services.AddSingleton(sp => new BedDirectory(
            sp.GetRequiredService<IBedStore>(),
            sp.GetRequiredService<ISeriesCatalog>(),
            sp.GetRequiredService<SensorCatalog>(),
            sp.GetRequiredService<DatabaseRetry>(),
            sp.GetRequiredService<TimeProvider>(),
            MqttAdapter.AdapterName,
            sp.GetRequiredService<MqttOptions>().AutoRegisterBeds));
        services.AddSingleton(sp => new IngestPipeline(
            sp.GetRequiredService<TopicRouter>(),
            sp.GetRequiredService<ReadingsPayloadParser>(),
            sp.GetRequiredService<BedDirectory>(),
            sp.GetRequiredService<IControllerStore>(),
            sp.GetRequiredService<DeliveryJournal>(),
            sp.GetRequiredService<ISeriesWriter>(),
            sp.GetRequiredService<IngestErrorJournal>(),
            sp.GetRequiredService<DatabaseRetry>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<MqttOptions>().MaxPayloadBytes,
            sp.GetRequiredService<ILogger<IngestPipeline>>()));
        services.AddSingleton<EmbeddedBroker>();
        services.AddSingleton<ExternalBrokerClient>();
        services.AddHostedService(sp => new MqttBrokerService(sp));
        services.AddSingleton<Quoalise.Adapters.IQuoaliseAdapter, MqttAdapter>();
        return builder;
    }
}
