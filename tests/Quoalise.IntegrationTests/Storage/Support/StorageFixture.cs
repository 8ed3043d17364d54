using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Quoalise.Adapters.Storage;

namespace Quoalise.IntegrationTests.Storage;

/// <summary>
/// Base of the repository suite run against every engine: one database and one started storage host per
/// fixture, and unique series identifiers per test so that tests never see each other's rows.
/// </summary>
public abstract class StorageFixture(SqlEngine engine)
{
    private TestDatabase? _database;
    private StorageTestHost? _host;

    protected SqlEngine Engine => engine;

    internal TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture has not started.");

    internal StorageTestHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    [OneTimeSetUp]
    public async Task StartStorageAsync()
    {
        _database = await TestDatabase.CreateAsync(engine);
        _host = await StorageTestHost.CreateAsync(_database, Settings, ConfigureServices);
    }

    [OneTimeTearDown]
    public async Task StopStorageAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected T Get<T>()
        where T : notnull => Host.Get<T>();

    /// <summary>A series identifier no other test uses.</summary>
    protected static string UniqueSeries(string suffix = "", [CallerMemberName] string test = "") =>
        $"urn:dev:quoalise:test:{Guid.NewGuid():N}:{test[..Math.Min(test.Length, 60)]}{suffix}";
}
