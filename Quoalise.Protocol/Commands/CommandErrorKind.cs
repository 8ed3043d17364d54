namespace Quoalise.Protocol.Commands;

/// <summary>Failure classes of command handlers. docs/commands.md lists the stanza error of each.</summary>
public enum CommandErrorKind
{
    /// <summary>A value is malformed or out of range: bad-request (modify) + bad-payload.</summary>
    BadRequest,

    /// <summary>No consent or grant covers the data asked for: not-authorized (auth), as sge-tiers-proxy answers.</summary>
    NotAuthorized,

    /// <summary>The requester's role does not allow the action: forbidden (auth).</summary>
    Forbidden,

    /// <summary>The thing named does not exist: item-not-found (cancel).</summary>
    NotFound,

    /// <summary>The action conflicts with current state: conflict (cancel).</summary>
    Conflict,

    /// <summary>The device or upstream is not reachable now: recipient-unavailable (wait).</summary>
    Unavailable,

    /// <summary>The device or upstream did not answer in time: remote-server-timeout (wait).</summary>
    Timeout,

    /// <summary>The device or upstream answered with its own error: undefined-condition + upstream-error.</summary>
    Upstream,

    /// <summary>A size or quota limit: resource-constraint (wait).</summary>
    LimitExceeded,
}
