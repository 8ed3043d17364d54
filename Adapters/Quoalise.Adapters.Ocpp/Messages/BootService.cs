using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Ocpp.Configuration;
using Quoalise.Adapters.Ocpp.Connections;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Messages;

/// <summary>
/// BootNotification, both versions: answers the registration status the operator set (Accepted, Pending or
/// Rejected), keeps the boot in the history and the description on the charge point, and opens or keeps
/// closed the gate for the connection's other messages. Thread-safe.
/// </summary>
internal sealed class BootService
{
    public const string Accepted = "Accepted";

    private readonly ChargePointStore _chargePoints;
    private readonly OcppOptions _options;
    private readonly ILogger _logger;

    public BootService(ChargePointStore chargePoints, IOptions<OcppOptions> options, ILogger<BootService> logger)
    {
        _chargePoints = chargePoints;
        _options = options.Value;
        _logger = logger;
    }

    /// <param name="boot">What the charge point said; its <see cref="BootRecord.Status"/> is ignored and decided here.</param>
    /// <returns>The status to answer and the interval that goes with it.</returns>
    public async Task<(string Status, TimeSpan Interval)> BootAsync(ChargePointConnection connection, BootRecord boot, CancellationToken cancellationToken)
    {
        var chargePoint = await _chargePoints.FindAsync(connection.ChargePointId, cancellationToken);

        // Deleted by an admin while connected: refuse until it is registered again.
        var status = chargePoint?.RegistrationStatus ?? "Rejected";
        await _chargePoints.RecordBootAsync(boot with { Status = status }, cancellationToken);
        connection.IsAccepted = status == Accepted;
        OcppLog.Booted(_logger, connection.ChargePointId, boot.Vendor, boot.Model, boot.FirmwareVersion, status);
        return (status, status == Accepted ? _options.HeartbeatInterval : _options.BootRetryInterval);
    }
}
