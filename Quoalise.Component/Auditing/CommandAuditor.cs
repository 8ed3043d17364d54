using Quoalise.Component.Storage.Audit;
using Quoalise.Protocol.Commands;

namespace Quoalise.Component.Auditing;

/// <summary>
/// Writes every command request to the audit trail. The identifiers recorded are the values of the
/// fields that name things: <c>identifier</c>, and any field whose name ends in <c>identifier</c> or <c>_id</c>.
/// Thread-safe.
/// </summary>
internal sealed class CommandAuditor : ICommandAuditor
{
    private readonly IAuditTrail _trail;

    public CommandAuditor(IAuditTrail trail) => _trail = trail;

    public Task RecordAsync(CommandAuditEntry entry, CancellationToken cancellationToken) =>
        _trail.RecordAsync(
            new AuditEntry(
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
                entry.Error),
            cancellationToken);

    private static bool IsIdentifier(string field) =>
        field.EndsWith("identifier", StringComparison.Ordinal) || field.EndsWith("_id", StringComparison.Ordinal);
}
