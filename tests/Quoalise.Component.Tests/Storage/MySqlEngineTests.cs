using MySqlConnector;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;

namespace Quoalise.Component.Tests.Storage;

public sealed class MySqlEngineTests
{
    private const string Server = "Server=127.0.0.1;Database=quoalise;User ID=q";

    [TestCase("", 20, 20u)]
    [TestCase(";Maximum Pool Size=50", 20, 50u)]
    [TestCase(";MaxPoolSize=7", 3, 7u)]
    public async Task The_pool_holds_at_most_MaxConnections_unless_the_connection_string_sets_its_own_size(string extra, int maxConnections, uint expected)
    {
        await using var dataSource = StorageEngine.For(SqlEngine.MySql).CreateDataSource(
            new StorageOptions { Provider = StorageProviders.MySql, ConnectionString = Server + extra, MaxConnections = maxConnections });

        var settings = new MySqlConnectionStringBuilder(dataSource.ConnectionString);
        settings.MaximumPoolSize.Should().Be(expected);
        settings.UseAffectedRows.Should().BeTrue();
    }
}
