using System.Globalization;
using Microsoft.Extensions.Logging;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Adapters.Mqtt.Topics;
using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>
/// Handles one message from either broker, as the bridge's <c>on_message</c> did: routes by topic, validates,
/// stores, records errors. Returns when everything it wrote is committed, so the caller acknowledges only then.
/// A bad message is recorded and acknowledged; it never stops the adapter. Thread-safe: brokers call it
/// concurrently, one call per message.
/// </summary>
internal sealed class IngestPipeline(
    TopicRouter router,
    ReadingsPayloadParser parser,
    BedDirectory beds,
    IControllerStore controllers,
    DeliveryJournal deliveries,
    ISeriesWriter writer,
    IngestErrorJournal errors,
    DatabaseRetry retry,
    TimeProvider time,
    int maxPayloadBytes,
    ILogger<IngestPipeline> logger)
{
    /// <summary>Handles the message; throws <see cref="OperationCanceledException"/> only when stopping (not acknowledged).</summary>
    public async Task<IngestOutcome> HandleAsync(MqttDelivery delivery, CancellationToken cancellationToken)
    {
        var match = router.Route(delivery.Topic);
        try
        {
            return match.Kind switch
            {
                TopicKind.Readings => await ReadingsAsync(delivery, match, cancellationToken),
                TopicKind.Controller => await ControllerAsync(delivery, match, cancellationToken),
                TopicKind.ControllerWill => await WillAsync(delivery, match, cancellationToken),
                _ => IngestOutcome.Acknowledge,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // A bug, not a property of the message's arrival: retrying it would fail the same way and block the stream.
            MqttLog.UnexpectedError(logger, e, delivery.Topic);
            await errors.RecordAsync(Error(IngestErrorType.Unexpected, delivery, $"{e.GetType().Name}: {e.Message}"), cancellationToken);
            return IngestOutcome.Acknowledge;
        }
    }

    private async Task<IngestOutcome> ReadingsAsync(MqttDelivery delivery, TopicMatch match, CancellationToken cancellationToken)
    {
        if (Refuse(delivery) is { } refusal)
        {
            return await RecordAsync([refusal], cancellationToken);
        }

        var parsed = parser.Parse(delivery.Payload.Span);
        var problems = parsed.Problems.Select(p => Error(p.Type, delivery, p.Detail)).ToList();
        if (parsed.Readings.Count == 0 && parsed.Problems.All(p => p.Type == IngestErrorType.InvalidPayload))
        {
            return await RecordAsync(problems, cancellationToken);
        }

        if (!TryNumber(match.Greenhouse!, out var greenhouse) || !TryNumber(match.Bed!, out var bedNumber))
        {
            return await RecordAsync([Error(IngestErrorType.BedNotFound, delivery, $"Greenhouse '{match.Greenhouse}' and bed '{match.Bed}' must be whole numbers.")], cancellationToken);
        }

        var bed = await beds.ResolveAsync(greenhouse, bedNumber, cancellationToken);
        if (bed is null)
        {
            return await RecordAsync([Error(IngestErrorType.BedNotFound, delivery, $"Greenhouse {greenhouse}, bed {bedNumber} is not registered (register_bed, or Mqtt:AutoRegisterBeds).")], cancellationToken);
        }

        if (parsed.Readings.Count > 0)
        {
            try
            {
                // A redelivery's stamp reads its receipt: failing that is failing to store, like the write, and the
                // message must come again rather than be acknowledged as an unexpected error.
                var stamp = await deliveries.StampAsync(delivery, cancellationToken);
                var readings = parsed.Readings
                    .Select(r => new SenMLRecord(GreenhouseSeries.Identifier(greenhouse, bedNumber, r.Sensor), stamp.Time, r.Sensor.Unit, r.Value))
                    .ToList();

                // The receipt goes first: storage commits in order, so committed readings always have their receipt.
                List<SenMLRecord> records = stamp.Receipt is { } receipt ? [receipt, .. readings] : readings;
                await writer.WriteAsync(records, cancellationToken);
                MqttLog.ReadingsStored(logger, readings.Count, greenhouse, bedNumber, stamp.Time);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Storage is stopping: the broker delivers the message again after the restart.
                return IngestOutcome.Redeliver;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                MqttLog.ReadingsNotStored(logger, e, delivery.Topic);
                problems.Add(Error(IngestErrorType.DatabaseInsertError, delivery, $"{parsed.Readings.Count} reading(s) not stored, the broker will deliver the message again: {e.Message}"));
                await RecordAsync(problems, cancellationToken);
                return IngestOutcome.Redeliver;
            }
        }

        return await RecordAsync(problems, cancellationToken);
    }

    private async Task<IngestOutcome> ControllerAsync(MqttDelivery delivery, TopicMatch match, CancellationToken cancellationToken)
    {
        if (ControllerPayloadParser.NormalizeMac(match.Mac!, out var macProblem) is not { } mac)
        {
            return await RecordAsync([Error(IngestErrorType.InvalidValue, delivery, macProblem!)], cancellationToken);
        }

        if (Refuse(delivery) is { } refusal)
        {
            return await RecordAsync([refusal], cancellationToken);
        }

        if (ControllerPayloadParser.Parse(delivery.Payload.Span, out var problem) is not { } status)
        {
            return await RecordAsync([Error(problem!.Value.Type, delivery, problem.Value.Detail)], cancellationToken);
        }

        await retry.RunAsync("controllers", token => controllers.AnnounceAsync(mac, status.Ip, status.Online, time.GetUtcNow(), token), cancellationToken);
        MqttLog.ControllerAnnounced(logger, mac, status.Ip, status.Online);
        return IngestOutcome.Acknowledge;
    }

    private async Task<IngestOutcome> WillAsync(MqttDelivery delivery, TopicMatch match, CancellationToken cancellationToken)
    {
        if (ControllerPayloadParser.NormalizeMac(match.Mac!, out var macProblem) is not { } mac)
        {
            return await RecordAsync([Error(IngestErrorType.InvalidValue, delivery, macProblem!)], cancellationToken);
        }

        // The payload is empty by convention and ignored: the topic alone says the controller is gone.
        await retry.RunAsync("controllers", token => controllers.MarkOfflineAsync(mac, time.GetUtcNow(), token), cancellationToken);
        MqttLog.ControllerOffline(logger, mac);
        return IngestOutcome.Acknowledge;
    }

    /// <summary>Size and encoding, checked before anything is parsed.</summary>
    private IngestError? Refuse(MqttDelivery delivery)
    {
        if (delivery.Payload.Length > maxPayloadBytes)
        {
            return Error(IngestErrorType.InvalidPayload, delivery, $"The payload is {delivery.Payload.Length} bytes, more than Mqtt:MaxPayloadBytes ({maxPayloadBytes}).");
        }

        return PayloadText.TryDecode(delivery.Payload.Span) is null
            ? Error(IngestErrorType.InvalidEncoding, delivery, "The payload is not valid UTF-8.")
            : null;
    }

    private async Task<IngestOutcome> RecordAsync(IReadOnlyCollection<IngestError> found, CancellationToken cancellationToken)
    {
        if (found.Count > 0)
        {
            await errors.RecordAsync(found, cancellationToken);
        }

        return IngestOutcome.Acknowledge;
    }

    private IngestError Error(string type, MqttDelivery delivery, string detail) =>
        IngestError.Create(type, delivery.Topic, delivery.Payload.Span, detail, time.GetUtcNow());

    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
