namespace Quoalise.Protocol.Commands;

/// <summary>What <see cref="AdHocSessionStore.Find"/> found for a session id and requester.</summary>
internal enum SessionLookup
{
    /// <summary>Never issued to this requester: bad-sessionid.</summary>
    Unknown,

    /// <summary>Issued, then completed, canceled or expired: session-expired.</summary>
    Ended,

    Open,
}
