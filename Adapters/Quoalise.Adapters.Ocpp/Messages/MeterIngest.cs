using Quoalise.Adapters.Ocpp.Metering;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Messages;

/// <summary>
/// Stores samples (every one, in <c>ocpp_meter_samples</c>) and publishes them as series, both committed
/// before the task completes: the CALLRESULT follows. Samples that name no transaction are attached to the
/// one running on their connector at their time (research §2.2: chargers send transactionId 0 or none).
/// Thread-safe.
/// </summary>
internal sealed class MeterIngest
{
    private readonly MeterSampleWriter _samples;
    private readonly SeriesPublisher _series;
    private readonly TransactionStore _transactions;

    public MeterIngest(MeterSampleWriter samples, SeriesPublisher series, TransactionStore transactions)
    {
        _samples = samples;
        _series = series;
        _transactions = transactions;
    }

    /// <param name="transactionId">The transaction the message named (resolved), or null to attach by connector and time.</param>
    public async Task IngestAsync(IncomingCall call, IReadOnlyList<MeterSample> samples, long? transactionId, CancellationToken cancellationToken)
    {
        if (samples.Count == 0)
        {
            return;
        }

        var open = new Dictionary<(int, DateTimeOffset), long?>();
        var stored = new List<StoredSample>(samples.Count);
        foreach (var sample in samples)
        {
            var attached = transactionId;
            if (attached is null && sample.ConnectorId > 0)
            {
                var key = (sample.ConnectorId, sample.Timestamp);
                if (!open.TryGetValue(key, out attached))
                {
                    attached = (await _transactions.FindOpenAtAsync(call.ChargePointId, sample.ConnectorId, UnixMicros.From(sample.Timestamp), cancellationToken))?.Id;
                    open[key] = attached;
                }
            }

            stored.Add(new StoredSample(call.ChargePointId, sample, attached, call.ReceivedUs));
        }

        await Task.WhenAll(_samples.WriteAsync(stored, cancellationToken), _series.PublishSamplesAsync(stored, cancellationToken));
    }
}
