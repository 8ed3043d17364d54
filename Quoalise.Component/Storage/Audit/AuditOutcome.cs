namespace Quoalise.Component.Storage.Audit;

/// <summary>How a command ended, as recorded in the audit trail (stored lower-case).</summary>
internal enum AuditOutcome
{
    /// <summary>The handler ran and succeeded.</summary>
    Completed,

    /// <summary>The requester cancelled the command session.</summary>
    Canceled,

    /// <summary>Access control refused the requester before the handler ran.</summary>
    Denied,

    /// <summary>The handler ran and failed (bad request, device unreachable…).</summary>
    Failed,
}
