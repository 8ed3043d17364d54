using Microsoft.Data.Sqlite;
using Quoalise.IntegrationTests.Support;

namespace Quoalise.IntegrationTests.Ocpp;

/// <summary>
/// The last-seen time written when a connection ends: the database being away then is logged as what it is
/// (5012), never as a socket that ended abruptly. On a SQLite file of its own, which the test locks.
/// </summary>
[NonParallelizable] // One component shared by the fixture's tests.
public class LastSeenTests : OcppFixture
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("quoalise-ocpp-last-seen-");

    private string Database => Path.Combine(_folder.FullName, "quoalise.db");

    // A one-second busy timeout: the write fails soon while the test holds the lock.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Storage:ConnectionString"] = $"Data Source={Database};Default Timeout=1" };

    [OneTimeTearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Test]
    public async Task A_last_seen_time_that_cannot_be_written_is_logged_as_such()
    {
        var id = await RegisterAsync();
        var chargePoint = await BootAsync(id);

        await using (var holder = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            }

            await chargePoint.CloseAsync();
            var logged = await Host.Logs.WaitForAsync(CapturedLogs.WithEventId(5012), TimeSpan.FromSeconds(15));

            logged.RenderMessage().Should().Contain(id);
        }

        Host.Logs.Count(CapturedLogs.WithEventId(5008)).Should().Be(0, "the socket closed normally");
    }
}
