namespace Quoalise.Testing.Servers;

/// <summary>
/// The component as its own process (the apphost built next to the caller), configured only through
/// environment variables. For what an in-process host cannot show: a crash mid-stream, the process's
/// own CPU and memory under load. <see cref="OutputLine"/> lets a test follow its log line by line.
/// </summary>
public sealed class ComponentProcess : ServerProcess
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _readyText;

    /// <param name="settings">Configuration keys as in appsettings.json (<c>Xmpp:Secret</c>); passed as <c>Xmpp__Secret</c>.</param>
    /// <param name="readyText">The log text that says the component is ready: by default the XMPP link's; a test
    /// without an XMPP server waits for another (the MQTT subscription, say).</param>
    public ComponentProcess(IReadOnlyDictionary<string, string> settings, string readyText = " is online")
        : base("component")
    {
        _settings = settings;
        _readyText = readyText;
    }

    /// <summary>Each line the component prints, on the reader's thread.</summary>
    public event Action<string>? OutputLine;

    /// <summary>The SQLite file of the default storage settings.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "data", "quoalise.db");

    /// <summary>Starts the component and waits for its ready line (by default, its XMPP link online).</summary>
    public override async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__DataDirectory"] = Path.Combine(DataDirectory, "data"),
            ["Serilog__WriteTo__0__Name"] = "Console",
            ["Serilog__MinimumLevel__Default"] = "Information",
            ["Serilog__MinimumLevel__Override__Microsoft"] = "Warning",
        };
        foreach (var (key, value) in _settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // Readiness is read from the link's "is online" line, whatever level the caller chose.
        environment["Serilog__MinimumLevel__Override__Quoalise.Protocol.Stream.ComponentLink"] = "Information";
        StartProcess(Path.Combine(AppContext.BaseDirectory, "Quoalise.Component"), [], environment);
        await WaitForOutputAsync(_readyText, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
    }

    protected override void OnOutputLine(string line) => OutputLine?.Invoke(line);
}
