namespace Quoalise.Protocol.Commands;

/// <summary>How a command request ended, for the audit trail.</summary>
public enum CommandAuditOutcome
{
    /// <summary>The handler ran and succeeded.</summary>
    Completed,

    /// <summary>The handler ran and failed, or threw.</summary>
    Failed,

    /// <summary>Access control refused the requester before anything ran.</summary>
    Denied,

    /// <summary>The requester canceled an interactive session.</summary>
    Canceled,
}
