using System.Globalization;
using System.Text.Json.Nodes;
using Quoalise.Adapters.Ocpp.Authorization;
using Quoalise.Adapters.Ocpp.Metering;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Messages;

/// <summary>
/// TransactionEvent (2.0.1 E01–E15). Events are kept once per seqNo and applied in seqNo order whatever
/// their arrival order: the highest seqNo sets the state, the Started event sets the start (the earliest
/// event until it comes), an Ended transaction is never re-opened by a late Updated, the offline flag is
/// kept, and a transaction may start without an idToken (TxStartPoint EVConnected). Never refused.
/// </summary>
internal sealed partial class Ocpp201Handler
{
    private const string DefaultStoppedReason = "Local";

    private async Task<CallReply> TransactionEventAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        var p = call.Payload;
        var info = p.Field("transactionInfo");
        var stationTransactionId = ColumnWidths.FitOptional(info?.String("transactionId"), ColumnWidths.TransactionKey, "transactionInfo.transactionId", call.Problems);
        var eventType = ColumnWidths.Fit(p.String("eventType") ?? "Updated", ColumnWidths.EventType, "eventType", call.Problems);
        var timestamp = p.Time("timestamp") ?? call.ReceivedAt;
        var evse = p.Field("evse");
        var evseId = evse?.Int("id");
        var token = p.Field("idToken");
        var idToken = token?.String("idToken");
        var tokenType = token?.String("type") ?? "ISO14443";
        var storedToken = ColumnWidths.FitOptional(idToken, ColumnWidths.IdTag, "idToken.idToken", call.Problems);

        TransactionRow? row = null;
        if (stationTransactionId is { Length: > 0 })
        {
            row = await _transactions.EnsureAsync(call.ChargePointId, stationTransactionId, call.ReceivedUs, cancellationToken);
            var seqNo = p.Int("seqNo");
            if (seqNo is null)
            {
                call.Problems.Add("seqNo is missing; the event was applied as the latest.");
            }

            var applied = await _transactions.ApplyEventAsync(
                new TransactionEventRecord(
                    row.Id,
                    seqNo ?? (int)Math.Min(int.MaxValue, (row.LastSeqNo ?? -1) + 1),
                    eventType,
                    ColumnWidths.Fit(p.String("triggerReason") ?? "Trigger", ColumnWidths.TriggerReason, "triggerReason", call.Problems),
                    UnixMicros.From(timestamp),
                    p.Boolean("offline") ?? false,
                    ColumnWidths.FitOptional(info?.String("chargingState"), ColumnWidths.ChargingState, "transactionInfo.chargingState", call.Problems),
                    info?.Int("timeSpentCharging"),
                    eventType == "Ended"
                        ? ColumnWidths.Fit(info?.String("stoppedReason") ?? DefaultStoppedReason, ColumnWidths.StopReason, "transactionInfo.stoppedReason", call.Problems)
                        : null,
                    info?.Int("remoteStartId"),
                    evseId,
                    evse?.Int("connectorId"),
                    storedToken,
                    idToken is null ? null : ColumnWidths.Fit(tokenType, ColumnWidths.IdTagType, "idToken.type", call.Problems),
                    call.ReceivedUs),
                cancellationToken);
            if (!applied)
            {
                OcppLog.DuplicateEvent(_logger, call.ChargePointId, stationTransactionId, seqNo ?? -1);
            }
            else if (eventType is "Started" or "Ended")
            {
                OcppLog.TransactionEvent(_logger, call.ChargePointId, row.Id, stationTransactionId, eventType, seqNo ?? -1, p.Boolean("offline") ?? false);
            }
        }
        else
        {
            call.Problems.Add("transactionInfo.transactionId is missing: the event could not be attached to a transaction.");
        }

        var connector = evseId ?? (int)(row?.ConnectorId ?? 0);
        var samples = SampledValueReader.Read(p.Items("meterValue"), connector, call.ReceivedAt, v201: true, call.Problems);
        await _meter.IngestAsync(call, samples, row?.Id, cancellationToken);

        if (idToken is null)
        {
            return CallReply.Empty();
        }

        var decision = await DecideAsync(idToken, tokenType, row?.Id, cancellationToken);
        if (row is not null && row.StartStatus is null)
        {
            await _transactions.SetStartStatusAsync(row.Id, decision.Status, cancellationToken);
        }

        if (!decision.IsAccepted)
        {
            call.Problems.Add(string.Create(CultureInfo.InvariantCulture, $"id token '{storedToken}' of transaction '{stationTransactionId}' is {decision.Status}."));
        }

        return CallReply.Of(new JsonObject { ["idTokenInfo"] = IdTokenInfo(decision) });
    }
}
