namespace Quoalise.Testing.Servers;

/// <summary>
/// The component as its own process (the apphost built next to the caller), configured only through
/// environment variables. For what an in-process host cannot show: a crash mid-stream, the process's
/// own CPU and memory under load.
/// </summary>
public sealed class ComponentProcess : ServerProcess
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Configuration keys as in appsettings.json (<c>Xmpp:Secret</c>); passed as <c>Xmpp__Secret</c>.</param>
    public ComponentProcess(IReadOnlyDictionary<string, string> settings)
        : base("component")
    {
        _settings = settings;
    }

    /// <summary>Starts the component and waits until its XMPP link is online.</summary>
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
        await WaitForOutputAsync(" is online", TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
    }
}
