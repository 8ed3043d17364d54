namespace Quoalise.Component.Storage.Health;

internal enum StorageStatus
{
    /// <summary>The last database operation succeeded (or none has failed yet).</summary>
    Reachable,

    /// <summary>Transient failures: operations are being retried with backoff, writes wait in the buffer.</summary>
    Unreachable,
}
