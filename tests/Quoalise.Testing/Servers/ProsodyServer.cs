using System.Globalization;
using System.Text.RegularExpressions;

namespace Quoalise.Testing.Servers;

/// <summary>
/// A private Prosody 0.12 on free loopback ports (c2s and components), with a throw-away data folder, run from
/// <c>tests/servers/prosody/prosody.cfg.lua</c>: plaintext c2s with PLAIN allowed, internal storage, one VirtualHost,
/// and the components added before start. Not thread-safe: one owner (a fixture) drives it.
/// </summary>
public sealed partial class ProsodyServer : XmppServer
{
    private const string Prosody = "/usr/bin/prosody";
    private const string ProsodyCtl = "/usr/bin/prosodyctl";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public ProsodyServer(string domain = "localhost")
        : base("prosody", domain)
    {
    }

    /// <summary>Prosody's <c>component_conflict_resolve</c>; takes effect at the next start.</summary>
    public ComponentConflictResolution ComponentConflictResolution { get; set; } = ComponentConflictResolution.KickNew;

    /// <summary>Prosody's own debug log (the console output, at info level, is in <see cref="ServerProcess.Output"/>).</summary>
    public string LogPath => Path.Combine(DataDirectory, "prosody.log");

    /// <summary>The variables the configuration file reads; with them, <c>prosody -F --config …</c> runs this instance by hand.</summary>
    public IReadOnlyDictionary<string, string> ConfigurationEnvironment => new Dictionary<string, string>
    {
        ["QUOALISE_PROSODY_DATA"] = DataDirectory,
        ["QUOALISE_PROSODY_DOMAIN"] = Domain,
        ["QUOALISE_PROSODY_C2S_PORT"] = C2sPort.ToString(CultureInfo.InvariantCulture),
        ["QUOALISE_PROSODY_COMPONENT_PORT"] = ComponentPort.ToString(CultureInfo.InvariantCulture),
        ["QUOALISE_PROSODY_COMPONENTS"] = string.Join(' ', Components.Select(c => $"{c.Domain}={c.Secret}")),
        ["QUOALISE_PROSODY_COMPONENT_CONFLICT_RESOLVE"] =
            ComponentConflictResolution == ComponentConflictResolution.KickOld ? "kick_old" : "kick_new",
        // Prosody refuses to run as root unless told; only CI and containers run tests as root.
        ["QUOALISE_PROSODY_RUN_AS_ROOT"] = Environment.UserName == "root" ? "true" : "false",
    };

    /// <summary>The configuration file, as copied beside the tests.</summary>
    public static string ConfigurationPath => ServerFiles.PathOf("prosody/prosody.cfg.lua");

    /// <inheritdoc />
    public override IReadOnlyList<string> ErrorLogLines =>
        [.. Output.Split('\n').Where(line => ConsoleErrorLine().IsMatch(line)).Select(line => line.TrimEnd())];

    /// <summary>Starts Prosody and returns once the c2s port (and the component port, if any component) accept TCP.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken = default)
    {
        StartProcess(Prosody, ["-F", "--config", ConfigurationPath], ConfigurationEnvironment.ToDictionary());
        await WaitForTcpAsync(C2sPort, StartTimeout, cancellationToken).ConfigureAwait(false);
        if (Components.Count > 0)
        {
            await WaitForTcpAsync(ComponentPort, StartTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>Works stopped or running (prosodyctl writes the account file).</remarks>
    public override async Task<string> RegisterUserAsync(string localPart, string password, CancellationToken cancellationToken = default)
    {
        await RunToolAsync(
            ProsodyCtl,
            ["--config", ConfigurationPath, "register", localPart, Domain, password],
            ConfigurationEnvironment,
            standardInput: null,
            cancellationToken).ConfigureAwait(false);
        return $"{localPart}@{Domain}";
    }

    /// <summary>Console lines look like <c>certmanager         error	Error indexing…</c>.</summary>
    [GeneratedRegex(@"^\S+\s+error\t")]
    private static partial Regex ConsoleErrorLine();
}
