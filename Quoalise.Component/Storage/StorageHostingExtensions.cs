using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Audit;
using Quoalise.Component.Storage.Catalog;
using Quoalise.Component.Storage.Health;
using Quoalise.Component.Storage.Migrations;
using Quoalise.Component.Storage.Points;
using Quoalise.Component.Storage.Subscriptions;

namespace Quoalise.Component.Storage;

/// <summary>The one entry point of storage (docs/storage.md).</summary>
public static class StorageHostingExtensions
{
    /// <summary>
    /// Binds and validates the <c>Storage</c> section and registers the database, the stores, the buffered
    /// <see cref="ISeriesWriter"/>, the <c>storage</c> health check and the start-up migrations. Call it
    /// before registering hosted services that need the schema: hosted services start in registration order.
    /// </summary>
    public static IHostApplicationBuilder AddQuoaliseStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => Database.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<ILogger<Database>>()));
        services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<Database>());
        services.AddSingleton(sp => sp.GetRequiredService<Database>().StorageEngine);
        services.AddSingleton(CoreMigrations.Set);
        services.AddSingleton(sp => new MigrationRunner(
            sp.GetRequiredService<Database>(),
            sp.GetServices<MigrationSet>().Concat(sp.GetServices<IMigrationSetSource>().SelectMany(source => source.Migrations)),
            sp.GetRequiredService<IOptions<StorageOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<MigrationRunner>>()));
        services.AddHostedService<MigrationHostedService>();

        services.AddSingleton<StorageHealth>();
        services.AddSingleton<PointStore>();
        services.AddSingleton<IPointStore>(sp => sp.GetRequiredService<PointStore>());
        services.AddSingleton<ISeriesReader>(sp => sp.GetRequiredService<PointStore>());
        services.AddSingleton<SeriesWriter>();
        services.AddSingleton<ISeriesWriter>(sp => sp.GetRequiredService<SeriesWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<SeriesWriter>());
        services.AddSingleton<ISeriesCatalog, SeriesCatalogStore>();
        services.AddSingleton<ISubscriptionStore, SubscriptionStore>();
        services.AddSingleton<IAuditTrail, AuditTrailStore>();

        services.AddHealthChecks().AddCheck<StorageHealthCheck>(StorageHealthCheck.Name);
        return builder;
    }

    /// <summary>
    /// The <c>migrate</c> verb: applies pending steps now and returns them, without starting the host.
    /// Fails at once (no retry) when the database is unreachable, so an operator sees why.
    /// </summary>
    public static Task<IReadOnlyList<AppliedMigration>> MigrateQuoaliseStorageAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
    }
}
