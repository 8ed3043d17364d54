using System.Text.Json.Nodes;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Messages;

/// <summary>BootNotification, Heartbeat, StatusNotification and DataTransfer (OCPP 1.6 §4.2, §4.6, §4.9, §4.3).</summary>
internal sealed partial class Ocpp16Handler
{
    private async Task<CallReply> BootNotificationAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        var p = call.Payload;
        var (status, interval) = await _boot.BootAsync(
            call.Connection,
            new BootRecord(
                call.ChargePointId,
                OcppSubprotocols.Ocpp16,
                Reason: null,
                Status: string.Empty,
                p.String("chargePointVendor"),
                p.String("chargePointModel"),
                p.String("chargePointSerialNumber"),
                p.String("chargeBoxSerialNumber"),
                p.String("firmwareVersion"),
                p.String("iccid"),
                p.String("imsi"),
                p.String("meterType"),
                p.String("meterSerialNumber"),
                p.GetRawText(),
                call.ReceivedUs),
            cancellationToken);
        return CallReply.Of(new JsonObject
        {
            ["status"] = status,
            ["currentTime"] = JsonFields.Format(_time.GetUtcNow()),
            ["interval"] = (int)interval.TotalSeconds,
        });
    }

    private async Task<CallReply> HeartbeatAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        await _chargePoints.RecordHeartbeatAsync(call.ChargePointId, call.ReceivedUs, cancellationToken);
        return CallReply.Of(new JsonObject { ["currentTime"] = JsonFields.Format(_time.GetUtcNow()) });
    }

    private async Task<CallReply> StatusNotificationAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        var p = call.Payload;
        await _statuses.RecordAsync(
            new StatusRecord(
                call.ChargePointId,
                p.Int("connectorId") ?? 0,
                0,
                UnixMicros.From(p.Time("timestamp") ?? call.ReceivedAt),
                p.String("status")!,
                p.String("errorCode")!,
                p.String("info"),
                p.String("vendorId"),
                p.String("vendorErrorCode"),
                call.ReceivedUs),
            cancellationToken);
        return CallReply.Empty();
    }

    // 1.6 §4.3: a vendor we do not know gets UnknownVendorId, without data.
    private async Task<CallReply> DataTransferAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        var vendorId = call.Payload.String("vendorId")!;
        var status = _options.DataTransferVendors.Contains(vendorId, StringComparer.Ordinal) ? "Accepted" : "UnknownVendorId";
        await _dataTransfers.RecordAsync(
            call.ChargePointId, call.MessageId, vendorId, call.Payload.String("messageId"), call.Payload.String("data"), status, call.ReceivedUs, cancellationToken);
        return CallReply.Of(new JsonObject { ["status"] = status });
    }
}
