using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quoalise.Component.Storage;

namespace Quoalise.IntegrationTests.Storage;

/// <summary>
/// A generic host with only storage, wired as the component wires it (<c>AddQuoaliseStorage</c>), on one
/// test database. Disposing it stops it and fails the test if anything logged an error that the test did
/// not expect (MQTTnet's TestEnvironment).
/// </summary>
internal sealed class StorageTestHost : IAsyncDisposable
{
    private StorageTestHost(IHost host, RecordingLoggerProvider logs)
    {
        Host = host;
        Logs = logs;
    }

    public IHost Host { get; }

    public RecordingLoggerProvider Logs { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>Set by tests that provoke errors on purpose.</summary>
    public bool ErrorsExpected { get; set; }

    /// <summary>Builds the host; starts it (migrations, writer) unless <paramref name="start"/> is false.</summary>
    public static Task<StorageTestHost> CreateAsync(
        TestDatabase database,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        bool start = true) =>
        CreateAsync(database.Provider, database.ConnectionString, settings, services, start);

    /// <summary>The same, on any database: one that is not up yet, for instance.</summary>
    public static async Task<StorageTestHost> CreateAsync(
        string provider,
        string connectionString,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        bool start = true)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var configuration = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:ConnectionString"] = connectionString,
            // Short waits: an outage in a test lasts seconds, not minutes.
            ["Storage:RetryFirstDelay"] = "00:00:00.050",
            ["Storage:RetryMaxDelay"] = "00:00:00.500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new RecordingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.AddQuoaliseStorage();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        var testHost = new StorageTestHost(host, logs);
        if (start)
        {
            await host.StartAsync();
        }

        return testHost;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Host.StopAsync(stopping.Token);
        Host.Dispose();
        if (!ErrorsExpected)
        {
            Logs.Errors.Should().BeEmpty("no storage error was expected");
        }
    }
}
