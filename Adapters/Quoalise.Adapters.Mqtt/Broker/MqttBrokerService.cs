using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Options;

namespace Quoalise.Adapters.Mqtt.Broker;

/// <summary>
/// Starts the broker of <c>Mqtt:Mode</c> (embedded server or external client) and, at stop, stops it before
/// committing the errors still queued, so nothing in flight is acknowledged uncommitted.
/// </summary>
internal sealed class MqttBrokerService(IServiceProvider services) : IHostedService
{
    private readonly IHostedService _broker = services.GetRequiredService<MqttOptions>().ParsedMode == MqttMode.Embedded
        ? services.GetRequiredService<EmbeddedBroker>()
        : services.GetRequiredService<ExternalBrokerClient>();

    public Task StartAsync(CancellationToken cancellationToken) => _broker.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _broker.StopAsync(cancellationToken);
        await services.GetRequiredService<IngestErrorJournal>().StopAsync(cancellationToken);
    }
}
