using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Options;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Adapters.Mqtt.Topics;

namespace Quoalise.Adapters.Mqtt.Tests.Support;

/// <summary>The ingest pipeline wired as AddMqttAdapter wires it, on in-memory twins and a fake clock.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public const string Session = "device-1";

    public PipelineHarness(bool autoRegister = false, TopicOptions? topics = null)
    {
        // As AddMqttAdapter: an outage's start is recorded as DB_ERROR. Real time for the retry backoff (200 ms).
        var retry = new DatabaseRetry(TimeProvider.System, NullLogger<DatabaseRetry>.Instance, e =>
        {
            Outages.Add(e);
            Errors!.RecordOutage(e);
        });
        Errors = new IngestErrorJournal(ErrorStore, retry, Time, NullLogger<IngestErrorJournal>.Instance);
        Journal = new DeliveryJournal(Writer, retry, new ReceptionClock(Time), NullLogger<DeliveryJournal>.Instance);
        Beds = new BedDirectory(BedStore, Catalog, new SensorCatalog(SensorOptions.Defaults), retry, Time, MqttAdapter.AdapterName, autoRegister);
        Pipeline = new IngestPipeline(
            new TopicRouter(topics ?? new TopicOptions()),
            new ReadingsPayloadParser(new SensorCatalog(SensorOptions.Defaults)),
            Beds,
            Controllers,
            Journal,
            Writer,
            Errors,
            retry,
            Time,
            maxPayloadBytes: 4096,
            NullLogger<IngestPipeline>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 5, 22, 6, 51, 18, TimeSpan.Zero));

    public InMemoryBedStore BedStore { get; } = new();

    public InMemorySeriesCatalog Catalog { get; } = new();

    public InMemoryControllerStore Controllers { get; } = new();

    public InMemoryIngestErrorStore ErrorStore { get; } = new();

    public RecordingSeriesWriter Writer { get; } = new();

    public List<Exception> Outages { get; } = [];

    public IngestErrorJournal Errors { get; }

    public DeliveryJournal Journal { get; }

    public BedDirectory Beds { get; }

    public IngestPipeline Pipeline { get; }

    public Task RegisterAsync(int greenhouse, int bed) =>
        Beds.RegisterAsync(new Bed(greenhouse, bed, null, Time.GetUtcNow(), "admin@example.org"), CancellationToken.None);

    public Task<IngestOutcome> PublishAsync(string topic, string payload, int packetId = 1, bool duplicate = false) =>
        PublishAsync(topic, System.Text.Encoding.UTF8.GetBytes(payload), packetId, duplicate);

    public Task<IngestOutcome> PublishAsync(string topic, byte[] payload, int packetId = 1, bool duplicate = false) =>
        Pipeline.HandleAsync(new MqttDelivery(topic, payload, Session, packetId, duplicate), CancellationToken.None);

    public IReadOnlyList<string> ErrorTypes => [.. ErrorStore.All.Select(e => e.Type)];

    public async ValueTask DisposeAsync()
    {
        await Errors.DisposeAsync();
    }
}
