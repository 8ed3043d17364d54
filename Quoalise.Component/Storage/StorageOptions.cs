namespace Quoalise.Component.Storage;

/// <summary>
/// The <c>Storage</c> configuration section. Bound once at start-up and checked by
/// <see cref="StorageOptionsValidator"/>; switching engine is the one setting <see cref="Provider"/>.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>sqlite</c> (default), <c>mysql</c> (MariaDB or MySQL) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>Required for <c>mysql</c> and <c>postgres</c>; for <c>sqlite</c> it replaces the default file.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder of the default SQLite file, relative to the working directory; created if missing.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>False leaves the schema to operators, who run the <c>migrate</c> verb themselves.</summary>
    public bool ApplyMigrations { get; set; } = true;

    /// <summary>Most points committed in one transaction.</summary>
    public int WriteBatchPoints { get; set; } = 20_000;

    /// <summary>Points waiting for commit before writers wait for room (back-pressure).</summary>
    public int WriteBufferPoints { get; set; } = 100_000;

    /// <summary>First wait before retrying a transient database error; later waits grow exponentially.</summary>
    public TimeSpan RetryFirstDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between two retries while the database is unreachable.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most connections the component opens to MariaDB, MySQL or PostgreSQL at once, unless the connection string sets
    /// its own pool size. Beyond a few per core, more connections add contention on the server, not throughput.
    /// </summary>
    public int MaxConnections { get; set; } = 20;

    /// <summary>Longest a single statement (or a wait for a lock) may take before it counts as a transient failure.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
