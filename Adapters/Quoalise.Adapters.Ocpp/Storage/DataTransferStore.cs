using Dapper;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>Every DataTransfer a charge point sent, with how it was answered (<c>ocpp_data_transfers</c>). Thread-safe.</summary>
internal sealed class DataTransferStore
{
    private const string InsertSql =
        "INSERT INTO ocpp_data_transfers (charge_point_id, message_id, vendor_id, data_message_id, data, status, received_us) " +
        "VALUES (@ChargePointId, @MessageId, @VendorId, @DataMessageId, @Data, @Status, @ReceivedUs)";

    private readonly IDatabase _database;

    public DataTransferStore(IDatabase database) => _database = database;

    public Task RecordAsync(
        string chargePointId, string messageId, string vendorId, string? dataMessageId, string? data, string status, long receivedUs, CancellationToken cancellationToken)
    {
        var row = new { ChargePointId = chargePointId, MessageId = messageId, VendorId = vendorId, DataMessageId = dataMessageId, Data = data, Status = status, ReceivedUs = receivedUs };
        return _database.WriteTogetherAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(InsertSql, row, transaction)), cancellationToken);
    }
}
