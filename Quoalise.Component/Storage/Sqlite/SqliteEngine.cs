using System.Data.Common;
using Microsoft.Data.Sqlite;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Migrations;
using Quoalise.Component.Storage.Rows;

namespace Quoalise.Component.Storage.Sqlite;

/// <summary>SQLite through Microsoft.Data.Sqlite: a file under the data folder, nothing to install.</summary>
internal sealed class SqliteEngine : StorageEngine
{
    /// <summary>The file under <see cref="StorageOptions.DataDirectory"/> when no connection string is set.</summary>
    public const string DefaultFileName = "quoalise.db";

    // Primary result codes (https://www.sqlite.org/rescode.html) that a later attempt may not meet:
    // another writer holds the lock, or the disk or folder is not usable right now.
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CantOpen = 14;

    private static readonly SqliteDialect SqliteDialect = new();

    public override SqlEngine Engine => SqlEngine.Sqlite;

    public override SqlDialect Dialect => SqliteDialect;

    public override string ScriptFolder => "sqlite";

    public override bool AppendsPointsToLog => true;

    public override IRowWriter<TRow> CreateRowWriter<TRow>(string table, IReadOnlyList<string> columns, string afterRows, ColumnValue<TRow> valueOf) =>
        new PreparedRowWriter<TRow>(table, columns, afterRows, valueOf);

    // One write lock per file, which Microsoft.Data.Sqlite waits for by polling with Thread.Sleep: with
    // hundreds of concurrent writers (5,000 charge points) some starved past the command timeout ("database
    // is locked") while every waiter held a thread. Queued asynchronously instead, in arrival order.
    public override bool OneConnectionAtATime => true;

    public override DbDataSource CreateDataSource(StorageOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString ?? string.Empty);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            builder.DataSource = Path.Combine(options.DataDirectory, DefaultFileName);
        }

        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource is not ("" or ":memory:"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(builder.DataSource))!);
        }

        return SqliteFactory.Instance.CreateDataSource(builder.ToString());
    }

    public override string Describe(DbDataSource dataSource) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(dataSource.ConnectionString).DataSource);

    public override async Task PrepareConnectionAsync(DbConnection connection, bool firstOpen, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // WAL lets readers run while the writer commits; it is stored in the file, so once is enough.
        // The rest is per connection: foreign keys (for adapters' tables); 64 MB of page cache instead of
        // 2 MB, and a checkpoint every 256 MB of WAL (16,384 pages) instead of 4 MB. Time-ordered points of many series
        // rewrite one leaf page per series in every batch: with SQLite's defaults, ingest fell from 185,000
        // to 52,000 rows/s between 1 and 10 million rows (docs/BENCHMARKS.md).
        command.CommandText = (firstOpen ? "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; " : string.Empty) +
            "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 16384";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// <c>BEGIN IMMEDIATE</c> takes SQLite's single write lock: a second runner waits for it (busy timeout),
    /// then sees the steps already recorded.
    /// </summary>
    public override async Task<MigrationLease> LockMigrationsAsync(DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var transaction = await ((SqliteConnection)connection).BeginTransactionAsync(cancellationToken);
        return MigrationLease.OfTransaction(connection, transaction);
    }

    protected override bool IsTransientForEngine(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: Busy or Locked or IoError or Full or CantOpen };
}
