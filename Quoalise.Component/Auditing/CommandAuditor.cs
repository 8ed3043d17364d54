using System.Data.Common;
using System.Threading.Channels;
using Quoalise.Component.Storage.Audit;
using Quoalise.Protocol.Commands;

namespace Quoalise.Component.Auditing;

/// <summary>
/// Writes every command request to the audit trail by group commit: entries that arrive together are
/// written in one transaction, and each request waits for its own entry to be committed, up to
/// <see cref="CommitWait"/>. While the database is away, requests are answered after that wait and their
/// entries stay queued (bounded) until it returns. The identifiers recorded are the values of the fields
/// that name things: <c>identifier</c>, and any field whose name ends in <c>identifier</c> or <c>_id</c>.
/// Thread-safe.
/// </summary>
internal sealed class CommandAuditor : BackgroundService, ICommandAuditor
{
    /// <summary>How long a request waits for its entry's commit before answering anyway.</summary>
    public static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(2);

    private const int MaxQueued = 10_000;
    private const int MaxBatch = 1_000;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ShutdownFlush = TimeSpan.FromSeconds(5);

    private readonly Channel<(AuditEntry Entry, TaskCompletionSource Committed)> _queue =
        Channel.CreateBounded<(AuditEntry, TaskCompletionSource)>(new BoundedChannelOptions(MaxQueued) { SingleReader = true });

    private readonly IAuditTrail _trail;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CommandAuditor(IAuditTrail trail, TimeProvider time, ILogger<CommandAuditor> logger)
    {
        _trail = trail;
        _time = time;
        _logger = logger;
    }

    public async Task RecordAsync(CommandAuditEntry entry, CancellationToken cancellationToken)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((ToStored(entry), committed)))
        {
            _logger.AuditDropped(entry.Node, entry.Requester.ToString());
            return;
        }

        try
        {
            await committed.Task.WaitAsync(CommitWait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The database is slow or away: answer the requester; the entry is written when it returns.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(AuditEntry Entry, TaskCompletionSource Committed)>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await WriteAsync(batch, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: one last attempt for what is queued, bounded so shutdown never hangs on a dead database.
            using var last = new CancellationTokenSource(ShutdownFlush);
            try
            {
                await WriteAsync(batch, last.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _logger.AuditWriteFailed(batch.Count + _queue.Reader.Count, "the component stopped before the database answered");
            }
        }
    }

    // Writes what is queued, a batch at a time; a failed batch is kept and retried after a pause.
    private async Task WriteAsync(List<(AuditEntry Entry, TaskCompletionSource Committed)> batch, CancellationToken cancellationToken)
    {
        while (batch.Count > 0 || _queue.Reader.TryPeek(out _))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await _trail.RecordAsync([.. batch.Select(b => b.Entry)], cancellationToken).ConfigureAwait(false);
                foreach (var (_, committed) in batch)
                {
                    committed.TrySetResult();
                }

                batch.Clear();
            }
            catch (DbException e)
            {
                _logger.AuditWriteFailed(batch.Count, e.Message);
                await Task.Delay(RetryDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static AuditEntry ToStored(CommandAuditEntry entry) => new(
        entry.Requester,
        entry.Node,
        entry.Values.Where(v => IsIdentifier(v.Key)).Select(v => v.Value).ToList(),
        entry.Time,
        entry.Outcome switch
        {
            CommandAuditOutcome.Completed => AuditOutcome.Completed,
            CommandAuditOutcome.Denied => AuditOutcome.Denied,
            CommandAuditOutcome.Canceled => AuditOutcome.Canceled,
            _ => AuditOutcome.Failed,
        },
        entry.Error);

    private static bool IsIdentifier(string field) =>
        field.EndsWith("identifier", StringComparison.Ordinal) || field.EndsWith("_id", StringComparison.Ordinal);
}
