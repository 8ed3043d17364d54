using System.Globalization;

namespace Quoalise.Testing.Servers;

/// <summary>
/// A throw-away PostgreSQL from the distribution (scripts/install-deps.sh) on a free loopback port, with
/// trust authentication for the <c>postgres</c> superuser. initdb and postgres refuse to run as root, so
/// under root (CI) they run as the <c>postgres</c> system user, owner of the data folder. Can be killed
/// and started again on the same port and data. Not thread-safe: one owner drives it.
/// </summary>
public sealed class PostgresServer : ServerProcess
{
    public const string User = "postgres";

    private const string DistributionBinaries = "/usr/lib/postgresql";
    private const string ReadyLine = "database system is ready to accept connections";

    private readonly IReadOnlyList<string> _settings;
    private readonly bool _hugePages;
    private HugePageReservation? _hugePageReservation;
    private bool _initialized;

    /// <param name="durable">
    /// False turns fsync off: committed data still survives a killed server (it is in the OS cache), not a
    /// power cut; tests run faster. Benchmarks keep the default, durable.
    /// </param>
    /// <param name="settings">Extra <c>name=value</c> server settings.</param>
    /// <param name="hugePages">
    /// Shared memory on huge pages (<c>huge_pages=on</c>), reserving them first (<see cref="HugePageReservation"/>):
    /// the production advice of docs/storage.md, "Huge pages".
    /// </param>
    public PostgresServer(bool durable = true, IEnumerable<string>? settings = null, bool hugePages = false)
        : base("postgres")
    {
        Port = FreePort.Next();
        _hugePages = hugePages;
        _settings = [.. durable ? [] : new[] { "fsync=off" }, .. hugePages ? new[] { "huge_pages=on" } : [], .. settings ?? []];
    }

    public int Port { get; }

    /// <summary>Huge pages held for the server's shared memory; zero without <c>hugePages</c>.</summary>
    public long HugePages => _hugePageReservation?.Pages ?? 0;

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database}";

    public override async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = BinDirectory();
        var data = Path.Combine(DataDirectory, "data");
        if (!_initialized)
        {
            if (Environment.IsPrivilegedProcess)
            {
                await RunToolAsync("chown", ["-R", $"{User}:{User}", DataDirectory], cancellationToken).ConfigureAwait(false);
            }

            var (initdb, initdbArguments) = AsServerUser(
                Path.Combine(bin, "initdb"), ["-D", data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
            await RunToolAsync(initdb, initdbArguments, cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }

        List<string> arguments =
        [
            "-D", data,
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
        ];
        foreach (var setting in _settings)
        {
            arguments.AddRange(["-c", setting]);
        }

        if (_hugePages && _hugePageReservation is null)
        {
            // The server computes its own need from the same settings (PostgreSQL 15 and later).
            var (sizer, sizerArguments) = AsServerUser(Path.Combine(bin, "postgres"), [.. arguments, "-C", "shared_memory_size_in_huge_pages"]);
            var pages = long.Parse((await RunToolAsync(sizer, sizerArguments, cancellationToken).ConfigureAwait(false)).Trim(), CultureInfo.InvariantCulture);
            _hugePageReservation = HugePageReservation.Reserve(pages);
        }

        var (postgres, postgresArguments) = AsServerUser(Path.Combine(bin, "postgres"), arguments);
        StartProcess(postgres, postgresArguments);
        await WaitForOutputAsync(ReadyLine, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        _hugePageReservation?.Dispose();
    }

    // Debian installs each major version under /usr/lib/postgresql/<major>/bin; the newest one is used.
    private static string BinDirectory()
    {
        var bin = Directory.Exists(DistributionBinaries)
            ? Directory.GetDirectories(DistributionBinaries)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "postgres")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        RequireExecutable(bin is null ? Path.Combine(DistributionBinaries, "<version>", "bin", "postgres") : Path.Combine(bin, "postgres"));
        return bin!;
    }

    // setpriv execs in place (no extra parent process), so signals and kills reach postgres itself.
    private static (string FileName, IEnumerable<string> Arguments) AsServerUser(string fileName, IEnumerable<string> arguments) =>
        Environment.IsPrivilegedProcess
            ? ("setpriv", ["--reuid", User, "--regid", User, "--init-groups", "--", fileName, .. arguments])
            : (fileName, arguments);
}
