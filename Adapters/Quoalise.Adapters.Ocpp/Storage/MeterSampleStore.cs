using Dapper;
using Quoalise.Adapters.Ocpp.Metering;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>
/// Every SampledValue, one row each (<c>ocpp_meter_samples</c>), with the spec's defaults applied and the
/// raw value kept. A replayed message adds nothing: the key is the sample's identity (charge point,
/// connector, time, measurand, phase, location, context). Thread-safe.
/// </summary>
internal sealed class MeterSampleStore
{
    private const string CountSql = "SELECT COUNT(*) FROM ocpp_meter_samples WHERE charge_point_id = @ChargePointId";

    private const string CountAllSql = "SELECT COUNT(*) FROM ocpp_meter_samples";

    // The total register: no phase. Normalised to Wh, so kWh and Wh readings compare. The id list is
    // spelt out as parameters: Dapper would pass an array to Npgsql, which PostgreSQL refuses after IN.
    private const string EnergyRangesSql =
        "SELECT transaction_id AS TransactionId, MIN(numeric_value) AS MinWh, MAX(numeric_value) AS MaxWh FROM ocpp_meter_samples " +
        "WHERE transaction_id IN ({0}) AND measurand = 'Energy.Active.Import.Register' AND phase = '' AND senml_unit = 'Wh' GROUP BY transaction_id";

    private static readonly string[] Columns =
        ["charge_point_id", "connector_id", "timestamp_us", "measurand", "phase", "location", "context", "transaction_id", "format", "unit", "raw_value", "numeric_value", "senml_unit", "received_us"];

    private readonly IDatabase _database;
    private readonly IRowInserter _insert;

    public MeterSampleStore(IDatabase database)
    {
        _database = database;
        _insert = database.CreateRowInserter(
            "ocpp_meter_samples", Columns, ["charge_point_id", "connector_id", "timestamp_us", "measurand", "phase", "location", "context"]);
    }

    /// <summary>Inserts samples of any number of messages in one database transaction.</summary>
    public async Task InsertAsync(IReadOnlyList<StoredSample> samples, CancellationToken cancellationToken)
    {
        var rows = new object?[samples.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            var s = samples[i];
            rows[i] =
            [
                s.ChargePointId, s.Sample.ConnectorId, UnixMicros.From(s.Sample.Timestamp), s.Sample.Measurand, s.Sample.Phase ?? string.Empty,
                s.Sample.Location, s.Sample.Context, s.TransactionId, s.Sample.Format, s.Sample.Unit, s.Sample.RawValue, s.Sample.Value,
                s.Sample.SenMLUnit, s.ReceivedUs,
            ];
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await _insert.InsertAsync(connection, transaction, rows, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<long, EnergyRange>> EnergyRangesAsync(IReadOnlyList<long> transactionIds, CancellationToken cancellationToken)
    {
        if (transactionIds.Count == 0)
        {
            return new Dictionary<long, EnergyRange>();
        }

        var parameters = new DynamicParameters();
        for (var i = 0; i < transactionIds.Count; i++)
        {
            parameters.Add("Id" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), transactionIds[i]);
        }

        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, EnergyRangesSql, string.Join(", ", Enumerable.Range(0, transactionIds.Count).Select(i => "@Id" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await using var connection = await _database.OpenAsync(cancellationToken);
        var ranges = await connection.QueryAsync<EnergyRange>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return ranges.ToDictionary(r => r.TransactionId);
    }

    public async Task<long> CountAsync(string? chargePointId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return chargePointId is null
            ? await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountAllSql, cancellationToken: cancellationToken))
            : await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountSql, new { ChargePointId = chargePointId }, cancellationToken: cancellationToken));
    }
}
