using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quoalise.Adapters.Ocpp.Authorization;
using Quoalise.Adapters.Ocpp.Metering;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Messages;

/// <summary>
/// Authorize, StartTransaction, StopTransaction, MeterValues (OCPP 1.6 §4.1, §4.7, §4.8, §4.10). Start, stop
/// and meter values are answered whatever is wrong in them (the problems are recorded), since a CALLERROR
/// only makes the charge point retry and then drop them (§3.7.1); a start always gets a transactionId,
/// and a retried start gets the same one.
/// </summary>
internal sealed partial class Ocpp16Handler
{
    private const string DefaultStopReason = "Local";

    private async Task<CallReply> AuthorizeAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        var idTag = call.Payload.String("idTag")!;
        var decision = await _authorizer.AuthorizeAsync(idTag, startingTransactionId: null, cancellationToken);
        OcppLog.Authorized(_logger, call.ChargePointId, idTag, decision.Status);
        return CallReply.Of(new JsonObject { ["idTagInfo"] = IdTagInfo(decision) });
    }

    private async Task<CallReply> StartTransactionAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        var p = call.Payload;
        var connectorId = p.Int("connectorId");
        var idTag = p.String("idTag");
        var storedTag = ColumnWidths.FitOptional(idTag, ColumnWidths.IdTag, "idTag", call.Problems);
        var meterStart = p.Number("meterStart");
        var timestamp = p.Time("timestamp") ?? call.ReceivedAt;
        var startUs = UnixMicros.From(timestamp);

        // The key SteVe deduplicates on (connector, tag, time, meter): a retry of the same message, not a new session.
        var key = string.Join('|', connectorId?.ToString(CultureInfo.InvariantCulture), storedTag, startUs.ToString(CultureInfo.InvariantCulture), meterStart?.ToString("R", CultureInfo.InvariantCulture));
        var listed = idTag is null
            ? new IdTagDecision(IdTagDecision.Invalid, null, null)
            : await _authorizer.AuthorizeAsync(idTag, startingTransactionId: null, cancellationToken);
        var (row, created) = await _transactions.StartAsync(
            new TransactionStart(call.ChargePointId, key, connectorId, storedTag, listed.Status, startUs, meterStart, p.Int("reservationId"), call.ReceivedUs),
            cancellationToken);
        if (row.Id > int.MaxValue)
        {
            // 1.6 transactionIds are 32-bit: a number that wrapped around would name another session, or none.
            OcppLog.TransactionIdOutOfRange(_logger, call.ChargePointId, row.Id);
            await _transactions.DeleteStartAsync(row.Id, cancellationToken);
            return CallReply.Fail(OcppErrors.Create(
                OcppVersion.V16, OcppErrorCode.InternalError, $"Transaction {row.Id} is beyond the 32-bit transactionId of OCPP 1.6; the central system's operator must act."));
        }

        // A retry is answered as the first time; a new start of a listed tag also checks its other running sessions.
        var decision = listed with { Status = row.StartStatus ?? listed.Status };
        if (created && listed.IsAccepted && idTag is not null)
        {
            decision = await _authorizer.AuthorizeAsync(idTag, row.Id, cancellationToken);
            if (decision.Status != listed.Status)
            {
                await _transactions.SetStartStatusAsync(row.Id, decision.Status, cancellationToken);
            }
        }

        call.Connection.RememberTransaction(row.Id);

        if (created)
        {
            if (!decision.IsAccepted)
            {
                call.Problems.Add($"The transaction was started with id tag '{storedTag}', which is {decision.Status}; the charge point decides whether to stop it.");
            }

            OcppLog.TransactionStarted(_logger, call.ChargePointId, row.Id, connectorId ?? 0, storedTag, decision.Status);
            if (meterStart is { } wh && connectorId is { } connector)
            {
                await _meter.IngestAsync(call, [RegisterReading(connector, timestamp, wh, "Transaction.Begin")], row.Id, cancellationToken);
            }
        }
        else
        {
            OcppLog.DuplicateStart(_logger, call.ChargePointId, row.Id);
        }

        return CallReply.Of(new JsonObject
        {
            ["idTagInfo"] = IdTagInfo(decision),
            ["transactionId"] = checked((int)row.Id),
        });
    }

    private async Task<CallReply> StopTransactionAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        var p = call.Payload;
        var transactionId = p.Int("transactionId");
        var idTag = p.String("idTag");
        var storedTag = ColumnWidths.FitOptional(idTag, ColumnWidths.IdTag, "idTag", call.Problems);
        var meterStop = p.Number("meterStop");
        var timestamp = p.Time("timestamp") ?? call.ReceivedAt;
        var reason = ColumnWidths.Fit(p.String("reason") ?? DefaultStopReason, ColumnWidths.StopReason, "reason", call.Problems);
        var row = transactionId is { } id ? await _transactions.FindAsync(call.ChargePointId, id, cancellationToken) : null;
        if (row is null)
        {
            call.Problems.Add($"StopTransaction for transaction {transactionId?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}, which this charge point never started here.");
            OcppLog.UnknownTransactionStop(_logger, call.ChargePointId, transactionId ?? 0);
        }
        else
        {
            var transactionData = p.Field("transactionData") is { } data ? data.GetRawText() : null;
            var stopped = await _transactions.StopAsync(call.ChargePointId, row.Id, UnixMicros.From(timestamp), meterStop, reason, storedTag, transactionData, cancellationToken);
            if (!stopped && (row.StopUs != UnixMicros.From(timestamp) || row.MeterStopWh != meterStop))
            {
                call.Problems.Add($"Transaction {row.Id} was already stopped; this different stop was not applied.");
            }

            if (stopped)
            {
                OcppLog.TransactionStopped(_logger, call.ChargePointId, row.Id, reason);
            }

            await CheckStopTagAsync(call, row, storedTag, cancellationToken);
            var connector = (int)(row.ConnectorId ?? 0);
            var samples = SampledValueReader.Read(p.Items("transactionData"), connector, call.ReceivedAt, v201: false, call.Problems);
            if (meterStop is { } wh)
            {
                samples.Add(RegisterReading(connector, timestamp, wh, "Transaction.End"));
            }

            await _meter.IngestAsync(call, samples, row.Id, cancellationToken);
        }

        if (idTag is null)
        {
            return CallReply.Empty();
        }

        var decision = await _authorizer.AuthorizeAsync(idTag, startingTransactionId: null, cancellationToken);
        return CallReply.Of(new JsonObject { ["idTagInfo"] = IdTagInfo(decision) });
    }

    private async Task<CallReply> MeterValuesAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        var p = call.Payload;
        var connectorId = p.Int("connectorId") ?? 0;
        long? transactionId = null;
        if (p.Int("transactionId") is { } named and > 0)
        {
            if (call.Connection.KnowsTransaction(named) || await _transactions.FindAsync(call.ChargePointId, named, cancellationToken) is not null)
            {
                call.Connection.RememberTransaction(named);
                transactionId = named;
            }
            else
            {
                call.Problems.Add($"MeterValues names transaction {named}, unknown for this charge point; the samples were kept on the connector only.");
            }
        }

        var samples = SampledValueReader.Read(p.Items("meterValue"), connectorId, call.ReceivedAt, v201: false, call.Problems);
        await _meter.IngestAsync(call, samples, transactionId, cancellationToken);
        return CallReply.Empty();
    }

    // 1.6 §3.10: a tag of the same group (parentIdTag) may stop another member's transaction.
    private async Task CheckStopTagAsync(IncomingCall call, TransactionRow row, string? idTag, CancellationToken cancellationToken)
    {
        if (idTag is null || row.IdTag is null || idTag == row.IdTag)
        {
            return;
        }

        var stopper = await _tags.FindAsync(idTag, cancellationToken);
        var starter = await _tags.FindAsync(row.IdTag, cancellationToken);
        if (stopper?.ParentIdTag is null || stopper.ParentIdTag != starter?.ParentIdTag)
        {
            call.Problems.Add($"Transaction {row.Id} was started by '{row.IdTag}' and stopped by '{idTag}', which is not in its group.");
        }
    }

    private static MeterSample RegisterReading(int connectorId, DateTimeOffset timestamp, double wh, string context) =>
        new(connectorId, timestamp, MeterSample.EnergyRegister, null, SampledValueReader.DefaultLocation, context, SampledValueReader.DefaultFormat, "Wh",
            wh.ToString("R", CultureInfo.InvariantCulture), wh, "Wh");
}
