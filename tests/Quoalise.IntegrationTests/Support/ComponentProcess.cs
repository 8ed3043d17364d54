using System.Globalization;
using Quoalise.Testing.Servers;

namespace Quoalise.IntegrationTests.Support;

/// <summary>
/// The built component (<c>Quoalise.Component.dll</c>, copied beside the tests) run with <c>dotnet</c> as its own
/// process, configured only by environment variables, so a test can kill it as a crash would and start it again on
/// the same data. Its console log is kept; <see cref="OutputLine"/> lets a test follow it line by line.
/// Not thread-safe: one test drives it.
/// </summary>
public sealed class ComponentProcess : ServerProcess
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, string> _environment;
    private readonly string _readyText;

    /// <param name="settings">Configuration keys as in appsettings.json (<c>Mqtt:Mode</c>); passed as <c>Mqtt__Mode</c>.</param>
    /// <param name="readyText">What the component prints once ready, e.g. the MQTT subscription line.</param>
    public ComponentProcess(IReadOnlyDictionary<string, string> settings, string readyText)
        : base("component")
    {
        _readyText = readyText;
        HttpPort = FreePort.Next();
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Urls"] = $"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}",
            ["Storage:DataDirectory"] = Path.Combine(DataDirectory, "data"),
            ["Xmpp:Domain"] = "quoalise.localhost",
            ["Xmpp:Secret"] = "unused",
            ["Xmpp:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Serilog:MinimumLevel:Default"] = "Information",
            ["Serilog:WriteTo:0:Name"] = "Console",
            ["Serilog:WriteTo:0:Args:outputTemplate"] = "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        _environment = all.ToDictionary(e => e.Key.Replace(":", "__", StringComparison.Ordinal), e => e.Value);
        _environment["DOTNET_ENVIRONMENT"] = "Production";
    }

    public int HttpPort { get; }

    /// <summary>The SQLite file of the default storage settings.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "data", "quoalise.db");

    /// <summary>Each line the component prints.</summary>
    public event Action<string>? OutputLine;

    /// <summary>Starts <c>dotnet Quoalise.Component.dll</c> in the data folder (no appsettings.json there) and waits for the ready line.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "Quoalise.Component.dll");
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} is missing: build the solution (the integration tests reference Quoalise.Component).");
        }

        StartProcess("dotnet", [assembly], _environment);
        await WaitForOutputAsync(_readyText, StartTimeout, cancellationToken).ConfigureAwait(false);
    }

    protected override void OnOutputLine(string line) => OutputLine?.Invoke(line);
}
