using Quoalise.Adapters.Storage;
using Quoalise.Component.Hosting;

namespace Quoalise.Component.Series;

/// <summary>
/// Writes the series adapters declared at start-up into the catalogue. Registered after the migration
/// service, so the schema exists; an unreachable database was already waited for there.
/// </summary>
internal sealed class SeriesRegistrationService(AdapterRegistrations registrations, ISeriesCatalog catalog, ILogger<SeriesRegistrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await catalog.RegisterAsync([.. registrations.Series], cancellationToken).ConfigureAwait(false);

        if (registrations.Series.Count > 0)
        {
            logger.SeriesRegistered(registrations.Series.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
