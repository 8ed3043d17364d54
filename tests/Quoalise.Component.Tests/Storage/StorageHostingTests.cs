using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;
using Quoalise.Component.Storage.Audit;
using Quoalise.Component.Storage.Migrations;
using Quoalise.Component.Storage.Subscriptions;

namespace Quoalise.Component.Tests.Storage;

/// <summary>The one entry point, on the default engine: an SQLite file (no server, no socket).</summary>
public sealed class StorageHostingTests
{
    private DirectoryInfo _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("quoalise-hosting-");

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Test]
    public async Task With_no_settings_but_the_data_folder_storage_is_a_migrated_sqlite_file_there()
    {
        var dataDirectory = Path.Combine(_folder.FullName, "not", "yet");
        using var host = Build(new() { ["Storage:DataDirectory"] = dataDirectory });

        await host.StartAsync();

        File.Exists(Path.Combine(dataDirectory, "quoalise.db")).Should().BeTrue();
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        health.Entries.Should().ContainKey("storage").WhoseValue.Status.Should().Be(HealthStatus.Healthy);
        (await host.MigrateQuoaliseStorageAsync()).Should().BeEmpty("start-up applied everything");
        await host.StopAsync();
    }

    [Test]
    public void Every_storage_service_resolves_from_the_one_entry_point()
    {
        using var host = Build(new() { ["Storage:DataDirectory"] = _folder.FullName });

        var services = host.Services;
        services.GetRequiredService<IDatabase>().Engine.Should().Be(SqlEngine.Sqlite);
        services.GetRequiredService<ISeriesWriter>().Should().NotBeNull();
        services.GetRequiredService<ISeriesReader>().Should().NotBeNull();
        services.GetRequiredService<ISeriesCatalog>().Should().NotBeNull();
        services.GetRequiredService<ISubscriptionStore>().Should().NotBeNull();
        services.GetRequiredService<IAuditTrail>().Should().NotBeNull();
    }

    [Test]
    public async Task Wrong_settings_stop_the_start_with_every_error_at_once()
    {
        using var host = Build(new() { ["Storage:Provider"] = "oracle", ["Storage:WriteBatchPoints"] = "0" });

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().HaveCount(2)
            .And.Contain("Storage:Provider is 'oracle'; allowed values: sqlite, mysql, postgres.");
    }

    [Test]
    public void An_owner_whose_migrations_are_registered_twice_is_refused()
    {
        using var host = Build(
            new() { ["Storage:DataDirectory"] = _folder.FullName },
            services => services.AddSingleton(new MigrationSet("core", typeof(StorageHostingTests).Assembly)));

        var resolve = () => host.Services.GetRequiredService<MigrationRunner>();

        resolve.Should().Throw<InvalidOperationException>().WithMessage("Migrations of 'core' are registered 2 times*");
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.AddQuoaliseStorage();
        services?.Invoke(builder.Services);
        return builder.Build();
    }
}
