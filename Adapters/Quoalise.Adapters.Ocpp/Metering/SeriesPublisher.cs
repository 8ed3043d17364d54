using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Adapters.Ocpp.Metering;

/// <summary>
/// Turns samples and statuses into Quoalise series: has each series registered in the catalogue the first
/// time this process sees it (<see cref="SeriesRegistrar"/>), and writes its points through the shared
/// <see cref="ISeriesWriter"/>, whose task completes after commit (live subscribers are pushed from there).
/// Thread-safe.
/// </summary>
internal sealed class SeriesPublisher
{
    public const string AdapterName = "ocpp";

    private readonly ISeriesWriter _writer;
    private readonly SeriesRegistrar _registrar;

    public SeriesPublisher(ISeriesWriter writer, SeriesRegistrar registrar)
    {
        _writer = writer;
        _registrar = registrar;
    }

    /// <summary>Connector series for every numeric sample, and transaction series for those in a transaction.</summary>
    public async Task PublishSamplesAsync(IReadOnlyList<StoredSample> samples, CancellationToken cancellationToken)
    {
        var points = new List<SenMLRecord>(samples.Count * 2);
        foreach (var stored in samples)
        {
            var sample = stored.Sample;
            if (sample.Value is not { } value || sample.SenMLUnit is null)
            {
                continue;
            }

            var quantity = SeriesNames.Quantity(sample);
            var connector = SeriesNames.Connector(stored.ChargePointId, sample.ConnectorId, quantity);
            Register(connector, stored.ChargePointId, sample, $"{sample.Measurand} of connector {sample.ConnectorId} of {stored.ChargePointId}");
            points.Add(new SenMLRecord(connector, sample.Timestamp, sample.SenMLUnit, value));
            if (stored.TransactionId is { } transactionId)
            {
                var transaction = SeriesNames.Transaction(stored.ChargePointId, transactionId, quantity);
                Register(transaction, stored.ChargePointId, sample, $"{sample.Measurand} of transaction {transactionId} on {stored.ChargePointId}");
                points.Add(new SenMLRecord(transaction, sample.Timestamp, sample.SenMLUnit, value));
            }
        }

        if (points.Count > 0)
        {
            await _writer.WriteAsync(points, cancellationToken);
        }
    }

    /// <summary>The connector's status as a string series (Available, Charging…): live pushes show plug-in and charge.</summary>
    public async Task PublishStatusAsync(string chargePointId, ConnectorAddress connector, DateTimeOffset time, string status, CancellationToken cancellationToken)
    {
        var identifier = SeriesNames.Status(chargePointId, connector);
        _registrar.Register(identifier, () => new SeriesDefinition(
            identifier,
            AdapterName,
            new QuoaliseMeta(Device(chargePointId), new MeasurementMeta(Name: "status", Quantity: "connector-status")),
            $"Status of connector {connector} of {chargePointId}"));
        await _writer.WriteAsync([new SenMLRecord(identifier, time, StringValue: status)], cancellationToken);
    }

    private void Register(string identifier, string chargePointId, MeterSample sample, string description) =>
        _registrar.Register(identifier, () => new SeriesDefinition(
            identifier,
            AdapterName,
            new QuoaliseMeta(Device(chargePointId), new MeasurementMeta(Name: SeriesNames.Quantity(sample), Quantity: sample.Measurand, Type: sample.Phase, Unit: sample.SenMLUnit)),
            description));

    private static DeviceMeta Device(string chargePointId) =>
        new("charging-station", [new DeviceIdentifier("ocpp", "charge-point", chargePointId)]);
}
