using Quoalise.Component.Storage;

namespace Quoalise.Component.Tests.Storage;

public sealed class StorageOptionsValidatorTests
{
    private readonly StorageOptionsValidator _validator = new();

    [Test]
    public void The_defaults_are_valid_and_select_sqlite()
    {
        _validator.Validate(null, new StorageOptions()).Succeeded.Should().BeTrue();
        StorageProviders.TryParse(new StorageOptions().Provider, out var engine).Should().BeTrue();
        engine.Should().Be(Adapters.Storage.SqlEngine.Sqlite);
    }

    [TestCase("mysql")]
    [TestCase("postgres")]
    [TestCase("Postgres")]
    public void A_server_engine_with_a_connection_string_is_valid(string provider)
    {
        _validator.Validate(null, new StorageOptions { Provider = provider, ConnectionString = "Host=db" }).Succeeded.Should().BeTrue();
    }

    [TestCase("postgres", "Host=db;Max Pool Size=5", "Couldn't set max pool size")]
    [TestCase("mysql", "Server=db;Colour=blue", "Option 'colour' not supported")]
    [TestCase("postgres", "Host=db;Minimum Pool Size=30", "Minimum Pool Size (30) is more than Storage:MaxConnections (20)")]
    public void A_connection_string_the_driver_refuses_is_reported_with_its_reason(string provider, string connectionString, string reason)
    {
        var result = _validator.Validate(null, new StorageOptions { Provider = provider, ConnectionString = connectionString });

        result.Failures.Should().ContainSingle().Which.Should().StartWith("Storage:ConnectionString cannot be used: ").And.Contain(reason);
    }

    [Test]
    public void An_unknown_provider_is_named_with_the_allowed_values()
    {
        var result = _validator.Validate(null, new StorageOptions { Provider = "oracle" });

        result.Failures.Should().Equal("Storage:Provider is 'oracle'; allowed values: sqlite, mysql, postgres.");
    }

    [Test]
    public void A_server_engine_requires_a_connection_string()
    {
        var result = _validator.Validate(null, new StorageOptions { Provider = "postgres" });

        result.Failures.Should().Equal("Storage:ConnectionString is required when Storage:Provider is 'postgres'.");
    }

    [Test]
    public void Every_wrong_setting_is_reported_at_once_one_line_each()
    {
        var result = _validator.Validate(null, new StorageOptions
        {
            Provider = "mysql",
            DataDirectory = " ",
            WriteBatchPoints = 0,
            WriteBufferPoints = -1,
            MaxConnections = 0,
            RetryFirstDelay = TimeSpan.Zero,
            RetryMaxDelay = TimeSpan.FromMilliseconds(-1),
            CommandTimeout = TimeSpan.FromMilliseconds(10),
        });

        result.Failures.Should().HaveCount(8).And.OnlyContain(f => f.StartsWith("Storage:", StringComparison.Ordinal) && !f.Contains('\n'));
        result.Failures.Should().Contain(f => f.StartsWith("Storage:WriteBatchPoints is 0; allowed: 1 to 100000", StringComparison.Ordinal));
        result.Failures.Should().Contain("Storage:MaxConnections is 0; allowed: 1 to 1000.");
    }
}
