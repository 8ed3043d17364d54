using Npgsql;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;

namespace Quoalise.Component.Tests.Storage;

public sealed class PostgresEngineTests
{
    private const string Server = "Host=127.0.0.1;Database=quoalise;Username=q";

    [Test]
    public async Task Statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        (await SettingsOfAsync(Server)).MaxAutoPrepare.Should().Be(100);
        (await SettingsOfAsync(Server + ";Max Auto Prepare=7")).MaxAutoPrepare.Should().Be(7);
    }

    [TestCase("", 20, 20)]
    [TestCase("", 5, 5)]
    [TestCase(";Maximum Pool Size=50", 20, 50)]
    [TestCase(";MaxPoolSize=7", 20, 7)]
    [TestCase(";maxpoolsize=100", 20, 100)]
    public async Task The_pool_holds_at_most_MaxConnections_unless_the_connection_string_sets_its_own_size(string extra, int maxConnections, int expected)
    {
        (await SettingsOfAsync(Server + extra, maxConnections)).MaxPoolSize.Should().Be(expected);
    }

    [Test]
    public async Task A_minimum_pool_above_MaxConnections_is_refused_with_both_settings_named()
    {
        var creating = () => SettingsOfAsync(Server + ";Minimum Pool Size=30");

        (await creating.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("*Minimum Pool Size (30)*Storage:MaxConnections (20)*");
    }

    private static async Task<NpgsqlConnectionStringBuilder> SettingsOfAsync(string connectionString, int maxConnections = 20)
    {
        await using var dataSource = StorageEngine.For(SqlEngine.Postgres).CreateDataSource(
            new StorageOptions { Provider = StorageProviders.Postgres, ConnectionString = connectionString, MaxConnections = maxConnections });
        return new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
    }
}
