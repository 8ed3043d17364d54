namespace Quoalise.Component.Storage.Audit;

/// <summary>The record of commands run, for operators. Thread-safe; each call is one statement.</summary>
internal interface IAuditTrail
{
    /// <summary>Records entries in one transaction: commands are audited by group commit.</summary>
    Task RecordAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="limit"/> entries matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, int limit, CancellationToken cancellationToken);
}
