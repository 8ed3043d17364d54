using Microsoft.Extensions.Logging;

namespace Quoalise.Component.Storage.Health;

/// <summary>
/// Whether the database answers, as seen by the writer and the migrations. Logs each transition once (not
/// each retry) and raises <see cref="Changed"/>. Thread-safe.
/// </summary>
internal sealed class StorageHealth(ILogger<StorageHealth> logger, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private volatile StorageStatus _status = StorageStatus.Reachable;

    /// <summary>Raised after each transition, outside any lock, with the new status.</summary>
    public event Action<StorageStatus>? Changed;

    public StorageStatus Status => _status;

    /// <summary>When the current status began.</summary>
    public DateTimeOffset Since { get; private set; } = timeProvider.GetUtcNow();

    /// <summary>The message of the last transient failure while unreachable.</summary>
    public string? LastError { get; private set; }

    public void ReportUnreachable(Exception exception, int pendingPoints)
    {
        lock (_gate)
        {
            LastError = exception.Message;
            if (_status == StorageStatus.Unreachable)
            {
                return;
            }

            _status = StorageStatus.Unreachable;
            Since = timeProvider.GetUtcNow();
            StorageLog.Unreachable(logger, exception, pendingPoints);
        }

        Changed?.Invoke(StorageStatus.Unreachable);
    }

    public void ReportReachable()
    {
        // The common case, once per committed batch: no lock.
        if (_status == StorageStatus.Reachable)
        {
            return;
        }

        lock (_gate)
        {
            if (_status == StorageStatus.Reachable)
            {
                return;
            }

            var now = timeProvider.GetUtcNow();
            StorageLog.ReachableAgain(logger, now - Since);
            _status = StorageStatus.Reachable;
            Since = now;
            LastError = null;
        }

        Changed?.Invoke(StorageStatus.Reachable);
    }
}
