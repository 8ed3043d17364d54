using Npgsql;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;

namespace Quoalise.Component.Tests.Storage;

public sealed class PostgresEngineTests
{
    [Test]
    public async Task Statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        (await MaxAutoPrepareOfAsync("Host=127.0.0.1;Database=quoalise;Username=q")).Should().Be(100);
        (await MaxAutoPrepareOfAsync("Host=127.0.0.1;Database=quoalise;Username=q;Max Auto Prepare=7")).Should().Be(7);
    }

    private static async Task<int> MaxAutoPrepareOfAsync(string connectionString)
    {
        await using var dataSource = StorageEngine.For(SqlEngine.Postgres).CreateDataSource(
            new StorageOptions { Provider = StorageProviders.Postgres, ConnectionString = connectionString });
        return new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxAutoPrepare;
    }
}
