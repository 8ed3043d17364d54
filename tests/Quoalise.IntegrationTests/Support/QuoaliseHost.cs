using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quoalise.Adapters;
using Quoalise.Component.Hosting;
using Quoalise.Protocol.Stream;
using Quoalise.Testing.Servers;
using Serilog.Core;
using Serilog.Events;

namespace Quoalise.IntegrationTests.Support;

/// <summary>
/// The real component, composed exactly as Program.cs does, run in the test process against real
/// servers. Settings are given per test; logs are captured. At dispose the host stops gracefully and
/// the test fails if an error was logged that the test did not declare as expected.
/// </summary>
public sealed class QuoaliseHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly MemoryConfigurationProvider _settings;
    private readonly List<Func<LogEvent, bool>> _expectedErrors = [];

    private QuoaliseHost(WebApplication app, string folder, MemoryConfigurationProvider settings, CapturedLogs logs)
    {
        _app = app;
        _folder = folder;
        _settings = settings;
        Logs = logs;
    }

    public IServiceProvider Services => _app.Services;

    public ComponentLink Link => Services.GetRequiredService<ComponentLink>();

    public CapturedLogs Logs { get; }

    /// <summary>The loopback URL Kestrel listens on.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Settings for a component declared on <paramref name="server"/> (Prosody or ejabberd), plus the test's own.</summary>
    public static Dictionary<string, string?> SettingsFor(XmppServer server, XmppComponent component) => new()
    {
        ["Xmpp:Host"] = "127.0.0.1",
        ["Xmpp:Port"] = server.ComponentPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Xmpp:Domain"] = component.Domain,
        ["Xmpp:Secret"] = component.Secret,
        ["Xmpp:ServerDomain"] = server.Domain,
    };

    /// <param name="settings">Configuration, as keys of appsettings.json.</param>
    /// <param name="adapters">Extra adapters (test commands) registered as the product's adapters are.</param>
    /// <param name="waitOnline">Return only once the link is online.</param>
    /// <param name="configure">Product registrations Program.cs makes that the test wants, e.g. <c>b => b.AddOcppAdapter()</c>.</param>
    public static async Task<QuoaliseHost> StartAsync(
        IDictionary<string, string?> settings,
        IEnumerable<IQuoaliseAdapter>? adapters = null,
        bool waitOnline = true,
        Action<IHostApplicationBuilder>? configure = null)
    {
        var folder = Directory.CreateTempSubdirectory("quoalise-host-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",

            // No appsettings.json there: every setting of a test is explicit.
            ContentRootPath = folder,
        });
        var memory = new MemoryConfigurationSource { InitialData = WithDefaults(settings, folder) };
        ((IConfigurationBuilder)builder.Configuration).Add(memory);
        builder.AddQuoaliseComponent();
        configure?.Invoke(builder);
        var logs = new CapturedLogs();
        builder.Services.AddSingleton<ILogEventSink>(logs);
        foreach (var adapter in adapters ?? [])
        {
            builder.Services.AddSingleton(adapter);
        }

        var app = builder.Build();
        using var error = new StringWriter();
        if (!ConfigurationCheck.TryValidate(app.Services, error))
        {
            throw new InvalidOperationException(error.ToString());
        }

        app.MapQuoaliseComponent();
        var provider = ((IConfigurationRoot)app.Configuration).Providers.OfType<MemoryConfigurationProvider>().Last();
        var host = new QuoaliseHost(app, folder, provider, logs);
        await app.StartAsync();
        host.BaseAddress = new Uri(app.Urls.First());
        if (waitOnline)
        {
            await host.Link.WhenOnline.WaitAsync(TimeSpan.FromSeconds(30));
        }

        return host;
    }

    /// <summary>Declares an error log the test provokes on purpose.</summary>
    public void ExpectErrors(Func<LogEvent, bool> match) => _expectedErrors.Add(match);

    /// <summary>The host's own folder: content root and SQLite data, deleted at dispose.</summary>
    public string Folder => _folder;

    /// <summary>Changes a setting as an operator editing the configuration would; read by the link at its next attempt.</summary>
    public void ChangeSetting(string key, string value)
    {
        _settings.Set(key, value);
        ((IConfigurationRoot)_app.Configuration).Reload();
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await _app.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
        var unexpected = Logs.Events
            .Where(e => e.Level >= LogEventLevel.Error && !_expectedErrors.Any(m => m(e)))
            .Select(e => $"{e.RenderMessage()} {e.Exception}")
            .ToList();
        unexpected.Should().BeEmpty("the component logged errors the test did not expect");
    }

    private static Dictionary<string, string?> WithDefaults(IDictionary<string, string?> settings, string folder)
    {
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:DataDirectory"] = Path.Combine(folder, "data"),
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Serilog:MinimumLevel:Default"] = "Debug",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return all;
    }
}
