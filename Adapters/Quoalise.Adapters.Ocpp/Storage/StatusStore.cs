using System.Data.Common;
using Dapper;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>
/// Connector statuses: every notification in <c>ocpp_status_history</c> (a retried one once), and the
/// latest per connector (2.0.1: per connector of each EVSE) in <c>ocpp_connectors</c>, which an older
/// notification arriving late never overwrites. Thread-safe.
/// </summary>
internal sealed class StatusStore
{
    private const string UpdateLatestSql =
        "UPDATE ocpp_connectors SET status = @Status, error_code = @ErrorCode, status_us = @TimestampUs " +
        "WHERE charge_point_id = @ChargePointId AND connector_id = @ConnectorId AND evse_connector_id = @EvseConnectorId AND status_us <= @TimestampUs";

    private const string Columns =
        "charge_point_id AS ChargePointId, connector_id AS ConnectorId, evse_connector_id AS EvseConnectorId, status AS Status, " +
        "error_code AS ErrorCode, status_us AS StatusUs";

    private const string ListSql =
        "SELECT " + Columns + " FROM ocpp_connectors WHERE charge_point_id = @ChargePointId ORDER BY connector_id, evse_connector_id";

    private const string ListAllSql = "SELECT " + Columns + " FROM ocpp_connectors ORDER BY charge_point_id, connector_id, evse_connector_id";

    private const string HistoryCountSql =
        "SELECT COUNT(*) FROM ocpp_status_history WHERE charge_point_id = @ChargePointId AND connector_id = @ConnectorId";

    private readonly IDatabase _database;
    private readonly string _insertHistorySql;
    private readonly string _insertLatestSql;

    public StatusStore(IDatabase database)
    {
        _database = database;
        _insertHistorySql = database.Dialect.InsertIgnore(
            "ocpp_status_history",
            ["charge_point_id", "connector_id", "evse_connector_id", "timestamp_us", "status", "error_code", "info", "vendor_id", "vendor_error_code", "received_us"],
            ["charge_point_id", "connector_id", "evse_connector_id", "timestamp_us", "status", "error_code"]);
        _insertLatestSql = database.Dialect.InsertIgnore(
            "ocpp_connectors",
            ["charge_point_id", "connector_id", "evse_connector_id", "status", "error_code", "status_us"],
            ["charge_point_id", "connector_id", "evse_connector_id"]);
    }

    public Task RecordAsync(StatusRecord status, CancellationToken cancellationToken) =>
        _database.WriteTogetherAsync((connection, transaction) => RecordAsync(connection, transaction, status), cancellationToken);

    public async Task<IReadOnlyList<ConnectorRow>> ListAsync(string chargePointId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ConnectorRow>(new CommandDefinition(ListSql, new { ChargePointId = chargePointId }, cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<ConnectorRow>> ListAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ConnectorRow>(new CommandDefinition(ListAllSql, cancellationToken: cancellationToken))];
    }

    public async Task<long> CountHistoryAsync(string chargePointId, int connectorId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            HistoryCountSql, new { ChargePointId = chargePointId, ConnectorId = connectorId }, cancellationToken: cancellationToken));
    }

    private async Task RecordAsync(DbConnection connection, DbTransaction transaction, StatusRecord status)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            _insertHistorySql,
            new
            {
                charge_point_id = status.ChargePointId,
                connector_id = status.ConnectorId,
                evse_connector_id = status.EvseConnectorId,
                timestamp_us = status.TimestampUs,
                status = status.Status,
                error_code = status.ErrorCode,
                info = status.Info,
                vendor_id = status.VendorId,
                vendor_error_code = status.VendorErrorCode,
                received_us = status.ReceivedUs,
            },
            transaction));
        var updated = await connection.ExecuteAsync(new CommandDefinition(UpdateLatestSql, status, transaction));
        if (updated == 0)
        {
            // No row yet, or a newer status is already there (then the insert keeps it).
            await connection.ExecuteAsync(new CommandDefinition(
                _insertLatestSql,
                new
                {
                    charge_point_id = status.ChargePointId,
                    connector_id = status.ConnectorId,
                    evse_connector_id = status.EvseConnectorId,
                    status = status.Status,
                    error_code = status.ErrorCode,
                    status_us = status.TimestampUs,
                },
                transaction));
        }
    }
}
