using Microsoft.Extensions.Logging;

namespace Quoalise.Component.Storage;

/// <summary>Every storage log line, source-generated; ids from <see cref="StorageEventId"/>.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(StorageEventId.Configured, LogLevel.Information, "Storage: {Engine} at {Target}")]
    public static partial void Configured(ILogger logger, string engine, string target);

    [LoggerMessage(StorageEventId.MigrationApplied, LogLevel.Information, "Applied migration {Owner} {Version:D4}_{Name}")]
    public static partial void MigrationApplied(ILogger logger, string owner, int version, string name);

    [LoggerMessage(StorageEventId.MigrationsUpToDate, LogLevel.Information, "Schema up to date ({Owners})")]
    public static partial void MigrationsUpToDate(ILogger logger, string owners);

    [LoggerMessage(StorageEventId.MigrationsSkipped, LogLevel.Information, "Storage:ApplyMigrations is false: the schema is left to operators (run the migrate verb)")]
    public static partial void MigrationsSkipped(ILogger logger);

    [LoggerMessage(StorageEventId.MigrationLockWaiting, LogLevel.Debug, "Taking the migration lock; another instance may hold it")]
    public static partial void MigrationLockWaiting(ILogger logger);

    [LoggerMessage(StorageEventId.Unreachable, LogLevel.Warning, "Storage unreachable, retrying with backoff; {PendingPoints} points wait for commit")]
    public static partial void Unreachable(ILogger logger, Exception exception, int pendingPoints);

    [LoggerMessage(StorageEventId.ReachableAgain, LogLevel.Information, "Storage reachable again after {Outage}")]
    public static partial void ReachableAgain(ILogger logger, TimeSpan outage);

    [LoggerMessage(StorageEventId.RetryScheduled, LogLevel.Debug, "Storage attempt {Attempt} failed ({Error}); next try in {Delay}")]
    public static partial void RetryScheduled(ILogger logger, int attempt, string error, TimeSpan delay);

    [LoggerMessage(StorageEventId.WriteFailed, LogLevel.Error, "Storing {Points} points failed; their writers get the error and must not acknowledge")]
    public static partial void WriteFailed(ILogger logger, Exception exception, int points);

    [LoggerMessage(StorageEventId.ObserverFailed, LogLevel.Error, "A post-commit observer ({Observer}) failed; the points are stored")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observer);

    [LoggerMessage(StorageEventId.WritesAbandonedAtStop, LogLevel.Warning, "Stopping before {Points} points were committed; their writers were told, none was acknowledged")]
    public static partial void WritesAbandonedAtStop(ILogger logger, int points);

    [LoggerMessage(StorageEventId.MergeFailed, LogLevel.Error, "Merging the points log into core_points failed; the points stay readable in the log, and the merge starts over two seconds later")]
    public static partial void MergeFailed(ILogger logger, Exception exception);

    // Debug: the batch is written again at once, through the retries, which log what operators need.
    [LoggerMessage(StorageEventId.OverlappingBatchFailed, LogLevel.Debug, "A batch of {Points} points written alongside others failed; it and those behind it are written again one at a time")]
    public static partial void OverlappingBatchFailed(ILogger logger, Exception exception, int points);

    // Debug: each write runs again alone, and the caller of the one that fails then gets its exception.
    [LoggerMessage(StorageEventId.SharedTransactionFailed, LogLevel.Debug, "A shared transaction of {Writes} small writes failed; each runs again alone")]
    public static partial void SharedTransactionFailed(ILogger logger, Exception exception, int writes);
}
