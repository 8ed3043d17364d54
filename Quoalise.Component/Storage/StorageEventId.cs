namespace Quoalise.Component.Storage;

/// <summary>Event ids of storage logs: 3000–3099 (3000s configuration and migrations, 3010s health, 3020s writes).</summary>
internal static class StorageEventId
{
    public const int Configured = 3000;
    public const int MigrationApplied = 3001;
    public const int MigrationsUpToDate = 3002;
    public const int MigrationsSkipped = 3003;
    public const int MigrationLockWaiting = 3004;

    public const int Unreachable = 3010;
    public const int ReachableAgain = 3011;
    public const int RetryScheduled = 3012;

    public const int WriteFailed = 3020;
    public const int ObserverFailed = 3021;
    public const int WritesAbandonedAtStop = 3022;
    public const int MergeFailed = 3023;
    public const int OverlappingBatchFailed = 3024;
    public const int SharedTransactionFailed = 3025;
}
