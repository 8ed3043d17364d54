using Dapper;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Adapters.Storage;
using Quoalise.IntegrationTests.Support;

namespace Quoalise.IntegrationTests.Ocpp;

/// <summary>
/// OCPP 1.6 transactionIds are 32-bit integers: a session the database numbers beyond is refused with a clear
/// CALLERROR rather than answered with a number that wrapped around. A fixture of its own, since the numbering
/// it leaves behind would refuse every other test's sessions.
/// </summary>
[NonParallelizable] // One component shared by the fixture's tests.
public class TransactionIdRangeTests : OcppFixture
{
    [Test]
    public async Task A_start_the_database_numbers_beyond_32_bits_is_refused_and_not_kept()
    {
        var id = await RegisterAsync();
        var chargePoint = await BootAsync(id);
        await using (var connection = await Get<IDatabase>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(
                "INSERT INTO ocpp_transactions (id, charge_point_id, transaction_key, ocpp_version, started, ended, offline, received_us) " +
                "VALUES (@Id, 'numbering', 'numbering', 'ocpp1.6', 1, 1, 0, 0)",
                new { Id = (long)int.MaxValue });
        }

        Host.ExpectErrors(CapturedLogs.WithEventId(5110));
        var start = async () => await chargePoint.CallAsync("StartTransaction", new { connectorId = 1, idTag = "TAG", meterStart = 0, timestamp = Iso(DateTimeOffset.UtcNow) });

        var refused = (await start.Should().ThrowAsync<RpcError>()).Which;
        refused.Code.Should().Be("InternalError");
        refused.Description.Should().Be("Transaction 2147483648 is beyond the 32-bit transactionId of OCPP 1.6; the central system's operator must act.");
        (await Get<TransactionStore>().ListOpenAsync(id, CancellationToken.None)).Should().BeEmpty("the session is not kept without a transactionId to give");
    }
}
