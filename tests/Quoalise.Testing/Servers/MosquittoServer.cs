using System.Globalization;

namespace Quoalise.Testing.Servers;

/// <summary>
/// A private Mosquitto 2 on a free loopback port, configured from <c>tests/servers/mosquitto/</c> as a user would run it
/// (persistence on, <c>max_queued_messages 0</c>), with optional users and an optional mutual-TLS listener whose
/// certificates are made per run. <see cref="PublishAsync"/> and <see cref="SubscribeAsync"/> run the Mosquitto
/// command-line clients, independent of the code under test. Not thread-safe: one owner (a fixture) drives it.
/// </summary>
public sealed class MosquittoServer : ServerProcess
{
    private const string Mosquitto = "mosquitto";
    private const string ClientCommonName = "quoalise-test-client";

    // Linux limits one command-line argument to 128 KiB; longer payloads go to mosquitto_pub through a file.
    private const int LargestArgumentChars = 64 * 1024;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(20);

    private readonly Dictionary<string, string> _users = [];
    private TestCertificateAuthority? _authority;
    private int? _tlsPort;

    public MosquittoServer()
        : base("mosquitto")
    {
        Port = FreePort.Next();
    }

    /// <summary>Plain MQTT on 127.0.0.1; kept across restarts.</summary>
    public int Port { get; }

    /// <summary>The mutual-TLS listener on 127.0.0.1 (after <see cref="EnableMutualTls"/>); kept across restarts.</summary>
    public int TlsPort => _tlsPort ?? throw MutualTlsNotEnabled();

    /// <summary>The per-run CA: issue more client certificates from it (one per device, as in the field).</summary>
    public TestCertificateAuthority CertificateAuthority => _authority ?? throw MutualTlsNotEnabled();

    /// <summary>The CA certificate clients trust.</summary>
    public string CaCertificatePath => CertificateAuthority.CertificatePath;

    /// <summary>The broker's certificate: CN=localhost, SAN IP:127.0.0.1, IP:::1, DNS:localhost.</summary>
    public IssuedCertificate ServerCertificate { get; private set; } = null!;

    /// <summary>A client certificate ready to use (CN=quoalise-test-client).</summary>
    public IssuedCertificate ClientCertificate { get; private set; } = null!;

    public string ConfigurationPath => Path.Combine(DataDirectory, "mosquitto.conf");

    /// <summary>
    /// Adds a TLS listener requiring a client certificate signed by a fresh CA (written under <c>certs/</c> in the data
    /// folder); the certificate's common name becomes the MQTT username. Before the first start.
    /// </summary>
    public void EnableMutualTls()
    {
        if (_authority is not null)
        {
            return;
        }

        _authority = TestCertificateAuthority.Create(Path.Combine(DataDirectory, "certs"));
        ServerCertificate = _authority.IssueServerCertificate();
        ClientCertificate = _authority.IssueClientCertificate(ClientCommonName);
        _tlsPort = FreePort.Next();
    }

    /// <summary>Adds a user; once any exists, anonymous clients are refused. Takes effect at the next start.</summary>
    public void AddUser(string username, string password) => _users[username] = password;

    public override async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await WriteConfigurationAsync(cancellationToken).ConfigureAwait(false);
        StartProcess(Mosquitto, ["-c", ConfigurationPath]);
        await WaitForTcpAsync(Port, StartTimeout, cancellationToken).ConfigureAwait(false);
        if (_tlsPort is { } tlsPort)
        {
            await WaitForTcpAsync(tlsPort, StartTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Publishes a message with <c>mosquitto_pub</c>, <paramref name="repeat"/> times over one connection; a refused
    /// connection throws with its output.
    /// </summary>
    public async Task PublishAsync(
        string topic,
        string payload,
        int qos = 1,
        bool retain = false,
        MosquittoClientOptions? client = null,
        int repeat = 1,
        CancellationToken cancellationToken = default)
    {
        List<string> arguments = [.. ClientArguments(client ?? new MosquittoClientOptions()), "-t", topic, "-q", Qos(qos)];
        if (payload.Length > LargestArgumentChars)
        {
            var file = Path.Combine(DataDirectory, $"payload-{Guid.NewGuid():N}");
            await File.WriteAllTextAsync(file, payload, cancellationToken).ConfigureAwait(false);
            arguments.AddRange(["-f", file]);
        }
        else
        {
            arguments.AddRange(payload.Length == 0 ? ["-n"] : ["-m", payload]);
        }

        if (retain)
        {
            arguments.Add("-r");
        }

        if (repeat > 1)
        {
            arguments.AddRange(["--repeat", repeat.ToString(CultureInfo.InvariantCulture)]);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ClientTimeout);
        await RunToolAsync("mosquitto_pub", arguments, deadline.Token).ConfigureAwait(false);
    }

    /// <summary>Starts <c>mosquitto_sub</c> and returns once the broker acknowledged the subscription.</summary>
    public Task<MosquittoSubscriber> SubscribeAsync(
        string topic, int qos = 1, MosquittoClientOptions? client = null, CancellationToken cancellationToken = default) =>
        MosquittoSubscriber.StartAsync(
            [.. ClientArguments(client ?? new MosquittoClientOptions()), "-d", "-t", topic, "-q", Qos(qos), "-F", MosquittoSubscriber.MessageFormat],
            DataDirectory,
            ClientTimeout,
            cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        _authority?.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static string Qos(int qos) => qos is >= 0 and <= 2
        ? qos.ToString(CultureInfo.InvariantCulture)
        : throw new ArgumentOutOfRangeException(nameof(qos), qos, "MQTT QoS is 0, 1 or 2.");

    private static InvalidOperationException MutualTlsNotEnabled() =>
        new("Mutual TLS is off: call EnableMutualTls() before StartAsync.");

    private async Task WriteConfigurationAsync(CancellationToken cancellationToken)
    {
        var configuration = ServerFiles.Render("mosquitto/mosquitto.conf", new Dictionary<string, string>
        {
            ["USER"] = Environment.UserName,
            ["ALLOW_ANONYMOUS"] = _users.Count == 0 ? "true" : "false",
            ["DATA"] = DataDirectory,
            ["PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        });
        if (_users.Count > 0)
        {
            var passwordFile = Path.Combine(DataDirectory, "passwords");
            File.Delete(passwordFile);
            await File.WriteAllTextAsync(passwordFile, string.Empty, cancellationToken).ConfigureAwait(false);
            foreach (var (username, password) in _users)
            {
                await RunToolAsync("mosquitto_passwd", ["-b", passwordFile, username, password], cancellationToken).ConfigureAwait(false);
            }

            configuration += ServerFiles.Render("mosquitto/mosquitto-users.conf", new Dictionary<string, string>
            {
                ["PASSWORD_FILE"] = passwordFile,
            });
        }

        if (_authority is not null)
        {
            configuration += ServerFiles.Render("mosquitto/mosquitto-mtls.conf", new Dictionary<string, string>
            {
                ["TLS_PORT"] = TlsPort.ToString(CultureInfo.InvariantCulture),
                ["CA_CERTIFICATE"] = _authority.CertificatePath,
                ["SERVER_CERTIFICATE"] = ServerCertificate.CertificatePath,
                ["SERVER_KEY"] = ServerCertificate.Pkcs1KeyPath,
            });
        }

        await File.WriteAllTextAsync(ConfigurationPath, configuration, cancellationToken).ConfigureAwait(false);
    }

    private IEnumerable<string> ClientArguments(MosquittoClientOptions client)
    {
        List<string> arguments = ["-h", "127.0.0.1", "-p", (client.UseTls ? TlsPort : Port).ToString(CultureInfo.InvariantCulture)];
        if (client.UseTls)
        {
            arguments.AddRange(["--cafile", CaCertificatePath]);
        }

        if (client.CertificatePath is not null)
        {
            arguments.AddRange(["--cert", client.CertificatePath]);
        }

        if (client.KeyPath is not null)
        {
            arguments.AddRange(["--key", client.KeyPath]);
        }

        if (client.Username is not null)
        {
            arguments.AddRange(["-u", client.Username]);
        }

        if (client.Password is not null)
        {
            arguments.AddRange(["-P", client.Password]);
        }

        if (client.ClientId is not null)
        {
            arguments.AddRange(["-i", client.ClientId]);
        }

        if (client.PersistentSession)
        {
            arguments.Add("-c");
        }

        if (client.WillTopic is not null)
        {
            arguments.AddRange(["--will-topic", client.WillTopic, "--will-qos", "1"]);
            if (client.WillPayload.Length > 0)
            {
                arguments.AddRange(["--will-payload", client.WillPayload]);
            }
        }

        return arguments;
    }
}
