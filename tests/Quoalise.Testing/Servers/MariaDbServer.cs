using System.Globalization;

namespace Quoalise.Testing.Servers;

/// <summary>
/// A throw-away MariaDB from the distribution (scripts/install-deps.sh) on a free loopback port. A
/// password user <see cref="User"/>@127.0.0.1 with every privilege and a database <see cref="Database"/>
/// are created at each start (init file), as an operator would create the component's account. Under root (CI) the server runs as root, which
/// mariadbd allows when told. Can be killed and started again on the same port and data. Not
/// thread-safe: one owner drives it.
/// </summary>
public sealed class MariaDbServer : ServerProcess
{
    public const string User = "quoalise";
    public const string Password = "quoalise";
    public const string Database = "quoalise";

    private const string ReadyLine = "ready for connections";

    private readonly IReadOnlyList<string> _settings;
    private bool _initialized;

    /// <param name="durable">
    /// False writes the redo log at each commit but syncs it once a second: committed data still survives a
    /// killed server, not a power cut; tests run faster. Benchmarks keep the default, durable.
    /// </param>
    /// <param name="settings">Extra <c>--name=value</c> server options.</param>
    public MariaDbServer(bool durable = true, IEnumerable<string>? settings = null)
        : base("mariadb")
    {
        Port = FreePort.Next();
        _settings = [.. durable ? [] : new[] { "--innodb-flush-log-at-trx-commit=2" }, .. settings ?? []];
    }

    public int Port { get; }

    public string ConnectionString(string database = Database) =>
        $"Server=127.0.0.1;Port={Port};User ID={User};Password={Password};Database={database}";

    public override async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var data = Path.Combine(DataDirectory, "data");
        var initFile = Path.Combine(DataDirectory, "init.sql");
        var runAs = Environment.IsPrivilegedProcess ? new[] { "--user=root" } : [];
        if (!_initialized)
        {
            await File.WriteAllLinesAsync(initFile,
            [
                $"CREATE USER IF NOT EXISTS '{User}'@'127.0.0.1' IDENTIFIED BY '{Password}';",
                $"GRANT ALL PRIVILEGES ON *.* TO '{User}'@'127.0.0.1' WITH GRANT OPTION;",
                $"CREATE DATABASE IF NOT EXISTS {Database} CHARACTER SET utf8mb4;",
            ], cancellationToken).ConfigureAwait(false);
            await RunToolAsync(
                "mariadb-install-db",
                ["--no-defaults", $"--datadir={data}", "--auth-root-authentication-method=normal", "--skip-test-db", .. runAs],
                cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }

        StartProcess("mariadbd",
        [
            "--no-defaults",
            $"--datadir={data}",
            $"--socket={Path.Combine(DataDirectory, "mysqld.sock")}",
            $"--pid-file={Path.Combine(DataDirectory, "mysqld.pid")}",
            $"--port={Port.ToString(CultureInfo.InvariantCulture)}",
            "--bind-address=127.0.0.1",
            "--skip-name-resolve",
            "--character-set-server=utf8mb4",
            $"--init-file={initFile}",
            .. runAs,
            .. _settings,
        ]);
        await WaitForOutputAsync(ReadyLine, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
    }
}
