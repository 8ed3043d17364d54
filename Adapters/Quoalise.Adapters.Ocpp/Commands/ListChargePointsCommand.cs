using Quoalise.Adapters.Ocpp.Connections;
using Quoalise.Adapters.Ocpp.Messages;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Protocol.Commands;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary><c>list_charge_points</c>: every charge point the requester may see, with its state now.</summary>
internal sealed class ListChargePointsCommand
{
    public const string Node = "list_charge_points";

    private readonly ChargePointStore _chargePoints;
    private readonly StatusStore _statuses;
    private readonly ConnectionRegistry _connections;
    private readonly ChargePointChoices _choices;

    public ListChargePointsCommand(ChargePointStore chargePoints, StatusStore statuses, ConnectionRegistry connections, ChargePointChoices choices)
    {
        _chargePoints = chargePoints;
        _statuses = statuses;
        _connections = connections;
        _choices = choices;
    }

    public AdHocCommand Build() => new()
    {
        Node = Node,
        Name = "List charge points",
        Permission = Permission.Read,
        ReturnsTable = true,
        Handler = HandleAsync,
    };

    private async Task<CommandOutcome> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var connectors = (await _statuses.ListAllAsync(cancellationToken)).ToLookup(c => c.ChargePointId, StringComparer.Ordinal);
        var rows = new List<IReadOnlyList<string>>();
        var registered = await _chargePoints.ListAsync(cancellationToken);
        var visible = (await _choices.VisibleAsync(request.Requester, [.. registered.Select(c => c.Id)], cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var chargePoint in registered.Where(c => visible.Contains(c.Id)))
        {
            var connection = _connections.Find(chargePoint.Id);
            var own = connectors[chargePoint.Id].FirstOrDefault(c => c.Address == default)?.Status;
            rows.Add(
            [
                chargePoint.Id,
                chargePoint.Vendor ?? string.Empty,
                chargePoint.Model ?? string.Empty,
                own ?? chargePoint.BootStatus ?? chargePoint.RegistrationStatus,
                string.Join(", ", connectors[chargePoint.Id].Where(c => c.ConnectorId > 0).Select(c => $"{c.Address}: {c.Status}")),
                connection is null ? "no" : OcppSubprotocols.NameOf(connection.Version),
                chargePoint.LastHeartbeatUs is { } heartbeat ? JsonFields.Format(UnixMicros.ToTime(heartbeat)) : string.Empty,
                (connection?.LastSeen ?? UnixMicros.ToTime(chargePoint.LastSeenUs)) is { } seen ? JsonFields.Format(seen) : string.Empty,
            ]);
        }

        return CommandOutcome.Success(
            "Charge points",
            notes: rows.Count == 0 ? [CommandNote.Info("No charge point you may see is registered.")] : [],
            table: new ResultTable(
                "Charge points",
                [
                    new ResultColumn("id", "Id"),
                    new ResultColumn("vendor", "Vendor"),
                    new ResultColumn("model", "Model"),
                    new ResultColumn("status", "Status"),
                    new ResultColumn("connectors", "Connectors"),
                    new ResultColumn("connected", "Connected"),
                    new ResultColumn("last_heartbeat", "Last heartbeat"),
                    new ResultColumn("last_seen", "Last seen"),
                ],
                rows));
    }
}
