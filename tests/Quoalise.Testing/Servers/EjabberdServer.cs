using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Quoalise.Testing.Servers;

/// <summary>
/// A private ejabberd 23.01 on free loopback ports (c2s, components, and optionally a TLS component listener), with
/// a throw-away data folder, configured from <c>tests/servers/ejabberd/</c>: plaintext c2s with PLAIN and SCRAM,
/// accounts in Mnesia, one host, and the components added before start. It runs as a plain Erlang node, without
/// ejabberdctl (which switches to the ejabberd user, who cannot read the test's private folder) and without epmd:
/// the node listens for its admin tools on a private loopback port, guarded by a random cookie, so parallel runs and
/// a system ejabberd never meet. Not thread-safe: one owner (a fixture) drives it.
/// </summary>
public sealed partial class EjabberdServer : XmppServer
{
    private const string Erl = "/usr/bin/erl";
    private const string ErlCall = "/usr/bin/erl_call";

    // Installed by the ejabberd package; its presence says ejabberd is installed (the node itself runs through erl).
    private const string EjabberdCtl = "/usr/sbin/ejabberdctl";

    // The node name is stored in the Mnesia schema, so it stays the same across restarts. Without epmd, two nodes
    // of the same name on distinct ports never meet.
    private const string NodeName = "ejabberd@localhost";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AdminCallTimeout = TimeSpan.FromSeconds(20);

    private TestCertificateAuthority? _authority;
    private int? _componentTlsPort;

    public EjabberdServer(string domain = "localhost")
        : base("ejabberd", domain)
    {
        DistributionPort = FreePort.Next();

        // Erlang reads the cookie from $HOME/.erlang.cookie, owner-only; HOME is the data folder (mode 700), so the
        // cookie is never on a command line that other local users could read with ps.
        PrivateFile.Write(Path.Combine(DataDirectory, ".erlang.cookie"), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
    }

    /// <summary>Where the Erlang node accepts its admin tools (erl_call) on 127.0.0.1; kept across restarts.</summary>
    public int DistributionPort { get; }

    /// <summary>The TLS component listener on 127.0.0.1 (after <see cref="EnableComponentTls"/>); kept across restarts.</summary>
    public int ComponentTlsPort => _componentTlsPort ?? throw ComponentTlsNotEnabled();

    /// <summary>The per-run CA that signed the TLS listener's certificate: what a component must trust.</summary>
    public TestCertificateAuthority CertificateAuthority => _authority ?? throw ComponentTlsNotEnabled();

    /// <summary>The rendered configuration this instance runs with.</summary>
    public string ConfigurationPath => Path.Combine(DataDirectory, "ejabberd.yml");

    /// <summary>ejabberd's own log (the same lines as <see cref="ServerProcess.Output"/>, which also holds the VM's).</summary>
    public string LogPath => Path.Combine(DataDirectory, "ejabberd.log");

    private string CertificateFile => Path.Combine(DataDirectory, "certs", "component-tls.pem");

    /// <inheritdoc />
    public override IReadOnlyList<string> ErrorLogLines =>
        [.. Output.Split('\n').Where(line => ErrorLine().IsMatch(line)).Select(line => line.TrimEnd())];

    /// <summary>
    /// Adds a second component listener, TLS from the first byte (<c>tls: true</c>), whose certificate (SAN
    /// IP:127.0.0.1, DNS:localhost) is signed by a fresh CA under <c>certs/</c> in the data folder. Before the first start.
    /// </summary>
    public void EnableComponentTls()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Enable the TLS component listener before StartAsync: ejabberd reads its listeners at start.");
        }

        if (_authority is not null)
        {
            return;
        }

        _authority = TestCertificateAuthority.Create(Path.Combine(DataDirectory, "certs"));
        var certificate = _authority.IssueServerCertificate();

        // ejabberd's listener certfile holds the certificate and its key together.
        PrivateFile.Write(CertificateFile, File.ReadAllText(certificate.CertificatePath) + File.ReadAllText(certificate.Pkcs8KeyPath));
        _componentTlsPort = FreePort.Next();
    }

    /// <summary>
    /// Starts ejabberd and returns once it says it has started. Its ports accept TCP earlier, while Mnesia and the
    /// modules are still loading (an account written then fails), so TCP is no readiness signal here.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken = default)
    {
        RequireExecutable(EjabberdCtl);
        WriteConfiguration();
        StartProcess(
            Erl,
            [
                "-sname", NodeName,
                "-start_epmd", "false",
                "-erl_epmd_port", DistributionPort.ToString(CultureInfo.InvariantCulture),
                "-kernel", "inet_dist_use_interface", "{127,0,0,1}",
                "-noinput",
                "-mnesia", "dir", ErlangString(Path.Combine(DataDirectory, "spool")),
                "-s", "ejabberd",
            ],
            new Dictionary<string, string>
            {
                ["EJABBERD_CONFIG_PATH"] = ConfigurationPath,
                ["EJABBERD_LOG_PATH"] = LogPath,
                ["ERL_LIBS"] = ApplicationRoot(),
                ["ERL_CRASH_DUMP"] = Path.Combine(DataDirectory, "erl_crash.dump"),
                ["HOME"] = DataDirectory,
            });
        await WaitForOutputAsync($"is started in the node {NodeName}", StartTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Only while running: accounts are written by the node itself (Mnesia), through erl_call.</remarks>
    public override async Task<string> RegisterUserAsync(string localPart, string password, CancellationToken cancellationToken = default)
    {
        if (!IsRunning)
        {
            throw new InvalidOperationException("ejabberd registers accounts through its running node: call StartAsync first.");
        }

        // The accounts table is a dets file, which caches writes: syncing it keeps the account through KillAsync.
        var (user, host, secret) = (ErlangBinary(localPart), ErlangBinary(Domain), ErlangBinary(password));
        var answer = await CallAsync(
            $"Done = case ejabberd_auth:try_register({user}, {host}, {secret}) of "
            + $"ok -> registered; {{error, exists}} -> ejabberd_auth:set_password({user}, {host}, {secret}) end, "
            + "ok = dets:sync(passwd), Done.\n",
            cancellationToken).ConfigureAwait(false);
        if (answer is not ("registered" or "ok"))
        {
            throw new InvalidOperationException($"ejabberd did not register {localPart}@{Domain}: {answer}");
        }

        return $"{localPart}@{Domain}";
    }

    public override async ValueTask DisposeAsync()
    {
        _authority?.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Evaluates an Erlang expression on the node and returns its value as erl_call prints it.</summary>
    private async Task<string> CallAsync(string expression, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(AdminCallTimeout);
        var output = await RunToolAsync(
            ErlCall,
            [
                "-address", $"127.0.0.1:{DistributionPort.ToString(CultureInfo.InvariantCulture)}",

                // A node refuses a second connection from a name it knows, and erl_call's -r names collide within a second.
                "-h", $"quoalise_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}",
                "-e",
            ],
            new Dictionary<string, string> { ["HOME"] = DataDirectory },
            expression,
            deadline.Token).ConfigureAwait(false);

        // erl_call prints {ok, Value} when the expression ran, {error, Reason} when it did not.
        var result = EvaluationResult().Match(output);
        return result.Success
            ? result.Groups[1].Value
            : throw new InvalidOperationException($"erl_call could not evaluate on {NodeName}: {output}");
    }

    private void WriteConfiguration()
    {
        var components = "{" + string.Join(", ", Components.Select(c => $"{Json(c.Domain)}: {{password: {Json(c.Secret)}}}")) + "}";
        List<string> included = [];
        if (_componentTlsPort is { } tlsPort)
        {
            var tlsListener = Path.Combine(DataDirectory, "component-tls.yml");
            File.WriteAllText(tlsListener, ServerFiles.Render("ejabberd/component-tls.yml", new Dictionary<string, string>
            {
                ["COMPONENT_TLS_PORT"] = tlsPort.ToString(CultureInfo.InvariantCulture),
                ["CERTIFICATE_FILE"] = Json(CertificateFile),
                ["COMPONENTS"] = components,
            }));
            included.Add(tlsListener);
        }

        File.WriteAllText(ConfigurationPath, ServerFiles.Render("ejabberd/ejabberd.yml", new Dictionary<string, string>
        {
            ["DOMAIN"] = Json(Domain),
            ["CLIENT_PORT"] = C2sPort.ToString(CultureInfo.InvariantCulture),
            ["COMPONENT_PORT"] = ComponentPort.ToString(CultureInfo.InvariantCulture),
            ["COMPONENTS"] = components,
            ["INCLUDED_FILES"] = "[" + string.Join(", ", included.Select(Json)) + "]",
        }));
    }

    /// <summary>
    /// The folder holding ejabberd's Erlang application (Debian: <c>/usr/lib/&lt;multiarch&gt;/ejabberd-23.01/</c>),
    /// given to the VM as ERL_LIBS as ejabberdctl does.
    /// </summary>
    private static string ApplicationRoot() =>
        Directory.EnumerateDirectories("/usr/lib")
            .FirstOrDefault(dir => Directory.EnumerateDirectories(dir, "ejabberd-*").Any(app => File.Exists(Path.Combine(app, "ebin", "ejabberd.app"))))
        ?? throw new InvalidOperationException(
            "ejabberd's Erlang application (/usr/lib/*/ejabberd-*/ebin/ejabberd.app) was not found: reinstall the ejabberd package (scripts/install-deps.sh).");

    // JSON strings are valid YAML double-quoted scalars, escapes included.
    private static string Json(string value) => JsonSerializer.Serialize(value);

    private static string ErlangString(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    // Bytes, not a string literal: nothing to escape, and no doubt about how erl_call decodes non-ASCII text.
    private static string ErlangBinary(string value) => $"<<{string.Join(',', Encoding.UTF8.GetBytes(value))}>>";

    private static InvalidOperationException ComponentTlsNotEnabled() =>
        new("The TLS component listener is off: call EnableComponentTls() before StartAsync.");

    /// <summary>Console lines look like <c>2026-11-22 21:58:51.331108+00:00 [error] Failed to open socket…</c>.</summary>
    [GeneratedRegex(@"^\S+ \S+ \[(error|critical|alert|emergency)\]")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"^\{ok, ?(.*)\}\s*$", RegexOptions.Singleline)]
    private static partial Regex EvaluationResult();
}
