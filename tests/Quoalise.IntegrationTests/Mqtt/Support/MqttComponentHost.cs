using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quoalise.Adapters.Mqtt.Broker;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Component.Hosting;
using Quoalise.IntegrationTests.Support;
using Quoalise.Testing.Servers;
using Serilog.Core;
using Serilog.Events;

namespace Quoalise.IntegrationTests.Mqtt.Support;

/// <summary>
/// The component with the MQTT adapter, composed as Program.cs composes it, run in the test process. Logs are captured; at dispose the test fails if an error was logged
/// that it did not declare. Not thread-safe: one test drives it.
/// </summary>
internal sealed class MqttComponentHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<Func<LogEvent, bool>> _expectedErrors = [];

    private readonly bool _ownsDirectory;

    private MqttComponentHost(WebApplication app, CapturedLogs logs, CommittedReadings committed, string dataDirectory, bool ownsDirectory)
    {
        _app = app;
        Logs = logs;
        Committed = committed;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
    }

    public IServiceProvider Services => _app.Services;

    public CapturedLogs Logs { get; }

    /// <summary>Points committed by storage since start, per series: what tests await.</summary>
    public CommittedReadings Committed { get; }

    /// <summary>Content root: the SQLite file lives under <c>data/</c> here unless a connection string is given.</summary>
    public string DataDirectory { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Ingest errors recorded within the last hour, of one type or all of them, as an operator would list them.</summary>
    public Task<IReadOnlyList<IngestError>> RecentIngestErrorsAsync(string? type = null) =>
        Get<IIngestErrorStore>().QueryAsync(new IngestErrorQuery(type, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), 1000), CancellationToken.None);

    /// <summary>Settings for an embedded broker on a free port, SQLite in a fresh folder, no XMPP server needed.</summary>
    public static Dictionary<string, string?> EmbeddedSettings(out int port)
    {
        port = FreePort.Next();
        return new Dictionary<string, string?>
        {
            ["Mqtt:Mode"] = "embedded",
            ["Mqtt:Embedded:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Settings of a component registered on <paramref name="prosody"/>.</summary>
    public static void AddXmpp(IDictionary<string, string?> settings, ProsodyServer prosody, XmppComponent component)
    {
        foreach (var (key, value) in QuoaliseHost.SettingsFor(prosody, component))
        {
            settings[key] = value;
        }
    }

    /// <param name="root">A folder to keep across restarts (the SQLite file); a fresh one, deleted at dispose, otherwise.</param>
    public static async Task<MqttComponentHost> StartAsync(IDictionary<string, string?> settings, bool waitOnline = false, string? root = null)
    {
        var ownsDirectory = root is null;
        root ??= Directory.CreateTempSubdirectory("quoalise-mqtt-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = root });
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Serilog:MinimumLevel:Default"] = "Debug",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Warning",
            ["Serilog:MinimumLevel:Override:Quoalise.Protocol"] = "Information",
            ["Storage:DataDirectory"] = Path.Combine(root, "data"),
            ["Storage:RetryFirstDelay"] = "00:00:00.050",
            ["Storage:RetryMaxDelay"] = "00:00:00.500",
            // No XMPP server unless the test gives one: the link retries quietly in the background.
            ["Xmpp:Domain"] = "quoalise.localhost",
            ["Xmpp:Secret"] = "unused",
            ["Xmpp:Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        builder.AddQuoaliseComponent();
        builder.AddMqttAdapter();
        var logs = new CapturedLogs();
        builder.Services.AddSingleton<ILogEventSink>(logs);
        var committed = new CommittedReadings();
        builder.Services.AddSingleton<Quoalise.Component.Storage.Points.IPointsCommittedObserver>(committed);
        var app = builder.Build();
        using var error = new StringWriter();
        if (!ConfigurationCheck.TryValidate(app.Services, error))
        {
            throw new InvalidOperationException(error.ToString());
        }

        app.MapQuoaliseComponent();
        var host = new MqttComponentHost(app, logs, committed, root, ownsDirectory);
        await app.StartAsync();
        var embedded = app.Services.GetRequiredService<EmbeddedBroker>();
        var external = app.Services.GetRequiredService<ExternalBrokerClient>();
        var mode = all.TryGetValue("Mqtt:Mode", out var m) ? m : "embedded";
        await (string.Equals(mode, "external", StringComparison.OrdinalIgnoreCase) ? external.Subscribed : embedded.Listening).WaitAsync(TimeSpan.FromSeconds(30));
        if (waitOnline)
        {
            await app.Services.GetRequiredService<Quoalise.Protocol.Stream.ComponentLink>().WhenOnline.WaitAsync(TimeSpan.FromSeconds(30));
        }

        return host;
    }

    /// <summary>Declares an error log the test provokes on purpose.</summary>
    public void ExpectErrors(Func<LogEvent, bool> match) => _expectedErrors.Add(match);

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            await _app.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
        var unexpected = Logs.Events
            .Where(e => e.Level >= LogEventLevel.Error && !_expectedErrors.Any(m => m(e)))
            .Select(e => $"{e.RenderMessage()} {e.Exception}")
            .ToList();
        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the folder is in the temp area anyway.
            }
        }

        unexpected.Should().BeEmpty("the component logged errors the test did not expect");
    }
}
