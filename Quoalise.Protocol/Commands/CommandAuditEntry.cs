using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Commands;

/// <summary>One executed command, for the audit trail. Private fields (passwords) are never included.</summary>
/// <param name="Requester">Bare JID.</param>
/// <param name="Node">The command.</param>
/// <param name="Values">Submitted values by field, multi-values joined with ", ".</param>
/// <param name="Error">Null on success; the failure text otherwise.</param>
/// <param name="Time">When it completed.</param>
public sealed record CommandAuditEntry(Jid Requester, string Node, IReadOnlyDictionary<string, string> Values, string? Error, DateTimeOffset Time)
{
    public bool Succeeded => Error is null;
}
