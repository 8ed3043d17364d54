using Dapper;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>
/// What was wrong with messages that were accepted anyway (<c>ocpp_message_issues</c>): schema problems in
/// transaction messages, stops for unknown transactions, unknown id tags in offline starts. An operator's
/// audit trail, since such messages are never refused (OCPP 1.6 §4.7–4.10). Thread-safe.
/// </summary>
internal sealed class MessageIssueStore
{
    public const int MaxProblemLength = 1000;

    private const string InsertSql =
        "INSERT INTO ocpp_message_issues (charge_point_id, action, message_id, problem, payload, received_us) " +
        "VALUES (@ChargePointId, @Action, @MessageId, @Problem, @Payload, @ReceivedUs)";

    private const string CountSql = "SELECT COUNT(*) FROM ocpp_message_issues WHERE charge_point_id = @ChargePointId AND action = @Action";

    private readonly IDatabase _database;

    public MessageIssueStore(IDatabase database) => _database = database;

    public Task RecordAsync(string chargePointId, string action, string messageId, string problem, string payload, long receivedUs, CancellationToken cancellationToken)
    {
        var row = new
        {
            ChargePointId = chargePointId,
            Action = action,
            MessageId = messageId,
            Problem = ColumnWidths.Fit(problem, MaxProblemLength, "problem", []),
            Payload = payload,
            ReceivedUs = receivedUs,
        };
        return _database.WriteTogetherAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(InsertSql, row, transaction)), cancellationToken);
    }

    public async Task<long> CountAsync(string chargePointId, string action, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountSql, new { ChargePointId = chargePointId, Action = action }, cancellationToken: cancellationToken));
    }
}
