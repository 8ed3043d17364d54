using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quoalise.Component.Storage.Points;

namespace Quoalise.Component.Storage.Health;

/// <summary>
/// The <c>storage</c> health check: unhealthy while the database is unreachable, with since when, the
/// last error and how many points wait. It reads state kept by the writer and never queries the database
/// itself, so probing it costs nothing.
/// </summary>
internal sealed class StorageHealthCheck(StorageHealth health, SeriesWriter writer, Database database) : IHealthCheck
{
    public const string Name = "storage";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["engine"] = database.Engine.ToString(),
            ["pendingPoints"] = writer.PendingPoints,
            ["since"] = health.Since,
        };
        return Task.FromResult(health.Status == StorageStatus.Reachable
            ? HealthCheckResult.Healthy($"{database.Engine} reachable", data)
            : HealthCheckResult.Unhealthy($"{database.Engine} unreachable since {health.Since:O}: {health.LastError}", data: data));
    }
}
