using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quoalise.Adapters;
using Quoalise.Adapters.Ocpp;
using Quoalise.Adapters.Ocpp.Authorization;
using Quoalise.Adapters.Ocpp.Commands;
using Quoalise.Adapters.Ocpp.Configuration;
using Quoalise.Adapters.Ocpp.Connections;
using Quoalise.Adapters.Ocpp.Messages;
using Quoalise.Adapters.Ocpp.Metering;
using Quoalise.Adapters.Ocpp.Schemas;
using Quoalise.Adapters.Ocpp.Storage;

// The entry point lives in the hosting namespace, where Program.cs finds it without a using.
namespace Microsoft.Extensions.Hosting;

/// <summary>The one entry point of the OCPP adapter (docs/ocpp.md).</summary>
public static class OcppAdapterExtensions
{
    /// <summary>
    /// Binds and validates the <c>Ocpp</c> section (every wrong key reported at start-up) and registers the
    /// central system: charge point endpoint, stores, meter sample writer, commands and the adapter. Needs
    /// the component's storage (<c>IDatabase</c>, <c>ISeriesWriter</c>, <c>ISeriesCatalog</c>) and access policy.
    /// </summary>
    public static IHostApplicationBuilder AddOcppAdapter(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<OcppOptions>().Bind(builder.Configuration.GetSection(OcppOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OcppOptions>, OcppOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<ChargePointStore>();
        services.AddSingleton<StatusStore>();
        services.AddSingleton<IdTagStore>();
        services.AddSingleton<TransactionStore>();
        services.AddSingleton<MeterSampleStore>();
        services.AddSingleton<MessageIssueStore>();
        services.AddSingleton<DataTransferStore>();

        services.AddSingleton<MeterSampleWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<MeterSampleWriter>());
        services.AddSingleton<SeriesRegistrar>();
        services.AddHostedService(sp => sp.GetRequiredService<SeriesRegistrar>());
        services.AddSingleton<SeriesPublisher>();
        services.AddSingleton<OcppSchemaValidator>();
        services.AddSingleton<IdTagAuthorizer>();
        services.AddSingleton<BootService>();
        services.AddSingleton<StatusRecorder>();
        services.AddSingleton<MeterIngest>();
        services.AddSingleton<Ocpp16Handler>();
        services.AddSingleton<Ocpp201Handler>();
        services.AddSingleton<IncomingCallDispatcher>();

        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<ChargePointAuthenticator>();
        services.AddSingleton<OcppEndpoint>();

        services.AddSingleton<OperatorCalls>();
        services.AddSingleton<ChargePointChoices>();
        services.AddSingleton<ListChargePointsCommand>();
        services.AddSingleton<GetChargingSessionsCommand>();
        services.AddSingleton<RemoteStartTransactionCommand>();
        services.AddSingleton<RemoteStopTransactionCommand>();
        services.AddSingleton<ResetCommand>();
        services.AddSingleton<UnlockConnectorCommand>();
        services.AddSingleton<ChangeAvailabilityCommand>();
        services.AddSingleton<ManageIdTagCommand>();
        services.AddSingleton<ManageChargePointCommand>();
        services.AddSingleton<IQuoaliseAdapter, OcppAdapter>();
        return builder;
    }
}
