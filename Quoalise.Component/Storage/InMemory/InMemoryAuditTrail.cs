using Quoalise.Component.Storage.Audit;

namespace Quoalise.Component.Storage.InMemory;

/// <summary>The in-memory twin of <see cref="AuditTrailStore"/>, for unit tests. Thread-safe.</summary>
internal sealed class InMemoryAuditTrail : IAuditTrail
{
    private readonly Lock _gate = new();
    private readonly List<AuditEntry> _entries = [];

    public Task RecordAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            AuditRules.Check(entry);
        }

        lock (_gate)
        {
            _entries.AddRange(entries.Select(entry => entry with
            {
                Requester = entry.Requester.Bare,
                Time = UnixMicroseconds.ToTime(UnixMicroseconds.From(entry.Time)),
                Identifiers = [.. entry.Identifiers],
            }));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (_gate)
        {
            // Newest first; among equal times the later record first, as the table's id order does.
            IReadOnlyList<AuditEntry> list = [.. _entries
                .Select((entry, order) => (entry, order))
                .Where(e => query.Requester is null || e.entry.Requester == query.Requester.Bare)
                .Where(e => query.Node is null || e.entry.Node == query.Node)
                .Where(e => query.Outcome is null || e.entry.Outcome == query.Outcome)
                .Where(e => query.Since is null || e.entry.Time >= query.Since)
                .Where(e => query.Until is null || e.entry.Time < query.Until)
                .OrderByDescending(e => e.entry.Time)
                .ThenByDescending(e => e.order)
                .Take(limit)
                .Select(e => e.entry)];
            return Task.FromResult(list);
        }
    }
}
