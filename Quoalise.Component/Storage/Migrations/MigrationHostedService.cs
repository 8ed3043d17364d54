using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quoalise.Component.Storage.Health;

namespace Quoalise.Component.Storage.Migrations;

/// <summary>
/// Brings the schema up to date in <see cref="StartAsync"/>, before the services registered after it start.
/// A broken step stops the host; an unreachable database is waited for, with backoff, never a crash.
/// </summary>
internal sealed class MigrationHostedService(
    MigrationRunner runner,
    Database database,
    StorageHealth health,
    IOptions<StorageOptions> options,
    ILogger<MigrationHostedService> logger,
    TimeProvider timeProvider) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        StorageLog.Configured(logger, database.Engine.ToString(), database.Target);
        if (!options.Value.ApplyMigrations)
        {
            StorageLog.MigrationsSkipped(logger);
            return;
        }

        var retry = StorageRetry.Create(database.StorageEngine, options.Value, health, static () => 0, logger, timeProvider);
        await retry.ExecuteAsync(async token => await runner.ApplyAsync(token), cancellationToken);
        health.ReportReachable();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
