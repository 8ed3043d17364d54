using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Commands;

/// <summary>One command request, for the audit trail. Private fields (passwords) are never included.</summary>
/// <param name="Requester">Bare JID.</param>
/// <param name="Node">The command.</param>
/// <param name="Values">Submitted values by field, multi-values joined with ", "; empty when denied or canceled.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Error">Null on success; the text sent to the requester otherwise.</param>
/// <param name="Time">When it ended.</param>
public sealed record CommandAuditEntry(
    Jid Requester,
    string Node,
    IReadOnlyDictionary<string, string> Values,
    CommandAuditOutcome Outcome,
    string? Error,
    DateTimeOffset Time);
