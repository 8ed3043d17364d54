using System.Data.Common;
using System.Globalization;
using Dapper;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>
/// Charging sessions and 2.0.1 transaction events. Every write is idempotent: a retried StartTransaction
/// finds its row by key, a second stop changes nothing, events are kept once per seqNo and applied so that
/// the highest seqNo decides the state and an Ended transaction never re-opens. Thread-safe.
/// </summary>
internal sealed class TransactionStore
{
    private const string Columns =
        "id AS Id, charge_point_id AS ChargePointId, transaction_key AS TransactionKey, ocpp_version AS OcppVersion, " +
        "connector_id AS ConnectorId, id_tag AS IdTag, start_status AS StartStatus, start_us AS StartUs, meter_start_wh AS MeterStartWh, " +
        "ended AS Ended, stop_us AS StopUs, meter_stop_wh AS MeterStopWh, stop_reason AS StopReason, stop_id_tag AS StopIdTag, " +
        "charging_state AS ChargingState, offline AS Offline, last_seq_no AS LastSeqNo";

    private const string FindByKeySql = "SELECT " + Columns + " FROM ocpp_transactions WHERE charge_point_id = @ChargePointId AND transaction_key = @TransactionKey";

    private const string FindSql = "SELECT " + Columns + " FROM ocpp_transactions WHERE charge_point_id = @ChargePointId AND id = @Id";

    private const string ListOpenSql = "SELECT " + Columns + " FROM ocpp_transactions WHERE charge_point_id = @ChargePointId AND ended = 0 ORDER BY start_us";

    private const string FindOpenAtSql =
        "SELECT " + Columns + " FROM ocpp_transactions WHERE charge_point_id = @ChargePointId AND connector_id = @ConnectorId " +
        "AND start_us <= @At AND (ended = 0 OR stop_us >= @At) ORDER BY start_us DESC ";

    // {0}: the charge points searched, as parameters @C0, @C1… (Dapper's array expansion does not reach PostgreSQL's IN).
    private const string SearchSql =
        "SELECT " + Columns + " FROM ocpp_transactions WHERE charge_point_id IN ({0}) " +
        "AND (@IdTag IS NULL OR id_tag = @IdTag) AND start_us < @ToUs AND (ended = 0 OR stop_us >= @FromUs) ORDER BY start_us DESC, id DESC ";

    private const string ChargePointIdsSql = "SELECT DISTINCT charge_point_id FROM ocpp_transactions";

    /// <summary>Charge points per search statement, far below every engine's parameter limit.</summary>
    private const int ChargePointsPerStatement = 500;

    private const string CountActiveWithTagSql =
        "SELECT COUNT(*) FROM ocpp_transactions WHERE id_tag = @IdTag AND ended = 0 AND id <> @ExceptId AND start_status = 'Accepted'";

    private const string StopSql =
        "UPDATE ocpp_transactions SET ended = 1, stop_us = @StopUs, meter_stop_wh = @MeterStopWh, stop_reason = @StopReason, " +
        "stop_id_tag = @StopIdTag, transaction_data = @TransactionData WHERE charge_point_id = @ChargePointId AND id = @Id AND ended = 0";

    private const string DeleteStartSql = "DELETE FROM ocpp_transactions WHERE id = @Id";

    private const string SetStartStatusSql = "UPDATE ocpp_transactions SET start_status = @StartStatus WHERE id = @Id";

    private const string ApplyStartedSql = "UPDATE ocpp_transactions SET started = 1, start_us = @TimestampUs WHERE id = @TransactionId";

    // Until the Started event is seen, the earliest event stands for the start.
    private const string ApplyEarliestSql =
        "UPDATE ocpp_transactions SET start_us = @TimestampUs WHERE id = @TransactionId AND started = 0 AND (start_us IS NULL OR start_us > @TimestampUs)";

    private const string ApplyStateSql =
        "UPDATE ocpp_transactions SET time_spent_charging = COALESCE(@TimeSpentCharging, time_spent_charging), remote_start_id = COALESCE(@RemoteStartId, remote_start_id), " +
        "connector_id = COALESCE(@EvseId, connector_id), evse_connector_id = COALESCE(@EvseConnectorId, evse_connector_id), last_seq_no = @SeqNo " +
        "WHERE id = @TransactionId AND (last_seq_no IS NULL OR last_seq_no <= @SeqNo)";

    // Each optional field keeps the value of the highest seqNo that carried it.
    private const string ApplyChargingStateSql =
        "UPDATE ocpp_transactions SET charging_state = @ChargingState, charging_state_seq_no = @SeqNo " +
        "WHERE id = @TransactionId AND (charging_state_seq_no IS NULL OR charging_state_seq_no <= @SeqNo)";

    private const string ApplyIdTokenSql =
        "UPDATE ocpp_transactions SET id_tag = @IdToken, id_tag_type = @IdTokenType, id_tag_seq_no = @SeqNo " +
        "WHERE id = @TransactionId AND (id_tag_seq_no IS NULL OR id_tag_seq_no <= @SeqNo)";

    private const string ApplyEndedSql =
        "UPDATE ocpp_transactions SET ended = 1, stop_us = @TimestampUs, stop_reason = @StoppedReason WHERE id = @TransactionId AND ended = 0";

    private const string ApplyOfflineSql = "UPDATE ocpp_transactions SET offline = 1 WHERE id = @TransactionId";

    private readonly IDatabase _database;
    private readonly string _startSql;
    private readonly string _ensureSql;
    private readonly string _insertEventSql;
    private readonly string _limit;

    public TransactionStore(IDatabase database)
    {
        _database = database;
        _startSql = database.Dialect.InsertIgnore(
            "ocpp_transactions",
            ["charge_point_id", "transaction_key", "ocpp_version", "connector_id", "id_tag", "start_status", "started", "start_us", "meter_start_wh", "reservation_id", "ended", "offline", "received_us"],
            ["charge_point_id", "transaction_key"]);
        _ensureSql = database.Dialect.InsertIgnore(
            "ocpp_transactions",
            ["charge_point_id", "transaction_key", "ocpp_version", "started", "ended", "offline", "received_us"],
            ["charge_point_id", "transaction_key"]);
        _insertEventSql = database.Dialect.InsertIgnore(
            "ocpp_transaction_events",
            ["transaction_id", "seq_no", "event_type", "trigger_reason", "timestamp_us", "offline", "charging_state", "id_token", "received_us"],
            ["transaction_id", "seq_no"]);
        _limit = database.Dialect.Limit("@Limit");
    }

    /// <summary>Stores a 1.6 start, or finds the one a retry of the same message already stored.</summary>
    /// <returns>The row, and whether this call created it.</returns>
    public Task<(TransactionRow Row, bool Created)> StartAsync(TransactionStart start, CancellationToken cancellationToken)
    {
        var row = new
        {
            charge_point_id = start.ChargePointId,
            transaction_key = start.TransactionKey,
            ocpp_version = OcppSubprotocols.Ocpp16,
            connector_id = start.ConnectorId,
            id_tag = start.IdTag,
            start_status = start.StartStatus,
            started = 1,
            start_us = start.StartUs,
            meter_start_wh = start.MeterStartWh,
            reservation_id = start.ReservationId,
            ended = 0,
            offline = 0,
            received_us = start.ReceivedUs,
        };
        return _database.WriteTogetherAsync(
            async (connection, transaction) =>
            {
                var inserted = await connection.ExecuteAsync(new CommandDefinition(_startSql, row, transaction));
                return (await FindByKeyAsync(connection, start.ChargePointId, start.TransactionKey, transaction), inserted == 1);
            },
            cancellationToken);
    }

    public async Task<TransactionRow?> FindAsync(string chargePointId, long id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<TransactionRow>(new CommandDefinition(
            FindSql, new { ChargePointId = chargePointId, Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<TransactionRow?> FindByKeyAsync(string chargePointId, string transactionKey, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<TransactionRow>(new CommandDefinition(
            FindByKeySql, new { ChargePointId = chargePointId, TransactionKey = transactionKey }, cancellationToken: cancellationToken));
    }

    /// <summary>The transaction running on a connector at an instant: where a sample without transactionId belongs.</summary>
    public async Task<TransactionRow?> FindOpenAtAsync(string chargePointId, int connectorId, long atUs, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<TransactionRow>(new CommandDefinition(
            FindOpenAtSql + _limit, new { ChargePointId = chargePointId, ConnectorId = connectorId, At = atUs, Limit = 1 }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<TransactionRow>> ListOpenAsync(string chargePointId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<TransactionRow>(new CommandDefinition(ListOpenSql, new { ChargePointId = chargePointId }, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// The newest <see cref="SessionQuery.Limit"/> sessions of the charge points searched: those of each statement's
    /// charge points, newest first, merged.
    /// </summary>
    public async Task<IReadOnlyList<TransactionRow>> SearchAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        var found = new List<TransactionRow>();
        await using var connection = await _database.OpenAsync(cancellationToken);
        foreach (var chargePoints in query.ChargePointIds.Chunk(ChargePointsPerStatement))
        {
            var parameters = new DynamicParameters(new { query.IdTag, query.FromUs, query.ToUs, query.Limit });
            var names = new List<string>(chargePoints.Length);
            foreach (var (chargePoint, index) in chargePoints.Select((c, i) => (c, i)))
            {
                var name = "C" + index.ToString(CultureInfo.InvariantCulture);
                parameters.Add(name, chargePoint);
                names.Add("@" + name);
            }

            var sql = string.Format(CultureInfo.InvariantCulture, SearchSql, string.Join(", ", names)) + _limit;
            found.AddRange(await connection.QueryAsync<TransactionRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)));
        }

        return [.. found.OrderByDescending(t => t.StartUs).ThenByDescending(t => t.Id).Take(query.Limit)];
    }

    /// <summary>Every charge point that has sessions, registered or since deleted.</summary>
    public async Task<IReadOnlyList<string>> ListChargePointIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(ChargePointIdsSql, cancellationToken: cancellationToken))];
    }

    /// <summary>Accepted transactions still running with this tag, other than <paramref name="exceptId"/>: ConcurrentTx when not zero.</summary>
    public async Task<long> CountActiveWithTagAsync(string idTag, long exceptId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            CountActiveWithTagSql, new { IdTag = idTag, ExceptId = exceptId }, cancellationToken: cancellationToken));
    }

    /// <summary>Forgets a 1.6 start that could not be given a transactionId; nothing else refers to it yet.</summary>
    public async Task DeleteStartAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(DeleteStartSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    public Task SetStartStatusAsync(long id, string startStatus, CancellationToken cancellationToken) =>
        _database.WriteTogetherAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(SetStartStatusSql, new { Id = id, StartStatus = startStatus }, transaction)), cancellationToken);

    /// <returns>False when the transaction had already been stopped (the first stop stands).</returns>
    public Task<bool> StopAsync(
        string chargePointId, long id, long stopUs, double? meterStopWh, string stopReason, string? stopIdTag, string? transactionData, CancellationToken cancellationToken)
    {
        var stop = new { ChargePointId = chargePointId, Id = id, StopUs = stopUs, MeterStopWh = meterStopWh, StopReason = stopReason, StopIdTag = stopIdTag, TransactionData = transactionData };
        return _database.WriteTogetherAsync(
            async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(StopSql, stop, transaction)) == 1, cancellationToken);
    }

    /// <summary>The row of a 2.0.1 transaction, created by whichever of its events arrives first.</summary>
    public async Task<TransactionRow> EnsureAsync(string chargePointId, string transactionKey, long receivedUs, CancellationToken cancellationToken)
    {
        // Looked up first: an insert that finds the row spends a number of the id sequence on every engine, and
        // 1.6 transactionIds, 32-bit, come from it too.
        if (await FindByKeyAsync(chargePointId, transactionKey, cancellationToken) is { } known)
        {
            return known;
        }

        var row = new
        {
            charge_point_id = chargePointId,
            transaction_key = transactionKey,
            ocpp_version = OcppSubprotocols.Ocpp201,
            started = 0,
            ended = 0,
            offline = 0,
            received_us = receivedUs,
        };
        return await _database.WriteTogetherAsync(
            async (connection, transaction) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(_ensureSql, row, transaction));
                return await FindByKeyAsync(connection, chargePointId, transactionKey, transaction);
            },
            cancellationToken);
    }

    /// <summary>Keeps the event (once per seqNo) and applies it to its transaction, in one database transaction.</summary>
    /// <returns>False when this seqNo had already been received (a retry).</returns>
    public Task<bool> ApplyEventAsync(TransactionEventRecord e, CancellationToken cancellationToken) =>
        _database.WriteTogetherAsync((connection, transaction) => ApplyEventAsync(connection, transaction, e), cancellationToken);

    private async Task<bool> ApplyEventAsync(DbConnection connection, DbTransaction transaction, TransactionEventRecord e)
    {
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            _insertEventSql,
            new
            {
                transaction_id = e.TransactionId,
                seq_no = e.SeqNo,
                event_type = e.EventType,
                trigger_reason = e.TriggerReason,
                timestamp_us = e.TimestampUs,
                offline = e.Offline ? 1 : 0,
                charging_state = e.ChargingState,
                id_token = e.IdToken,
                received_us = e.ReceivedUs,
            },
            transaction));
        await connection.ExecuteAsync(new CommandDefinition(e.EventType == "Started" ? ApplyStartedSql : ApplyEarliestSql, e, transaction));
        await connection.ExecuteAsync(new CommandDefinition(ApplyStateSql, e, transaction));
        if (e.ChargingState is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(ApplyChargingStateSql, e, transaction));
        }

        if (e.IdToken is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(ApplyIdTokenSql, e, transaction));
        }

        if (e.EventType == "Ended")
        {
            await connection.ExecuteAsync(new CommandDefinition(ApplyEndedSql, e, transaction));
        }

        if (e.Offline)
        {
            await connection.ExecuteAsync(new CommandDefinition(ApplyOfflineSql, e, transaction));
        }

        return inserted == 1;
    }

    private static Task<TransactionRow> FindByKeyAsync(DbConnection connection, string chargePointId, string transactionKey, DbTransaction transaction) =>
        connection.QuerySingleAsync<TransactionRow>(new CommandDefinition(
            FindByKeySql, new { ChargePointId = chargePointId, TransactionKey = transactionKey }, transaction));
}
