using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Storage.Audit;

/// <summary>
/// One command run, for operators: who asked (bare JID), which node, about which series, when, and how it
/// ended. Immutable.
/// </summary>
/// <param name="Requester">Reduced to its bare form when stored.</param>
/// <param name="Node">The XEP-0050 command node.</param>
/// <param name="Identifiers">Series (or other) identifiers the command touched; may be empty.</param>
/// <param name="Error">Why it failed or was denied, in the words sent to the requester.</param>
internal sealed record AuditEntry(
    Jid Requester,
    string Node,
    IReadOnlyList<string> Identifiers,
    DateTimeOffset Time,
    AuditOutcome Outcome,
    string? Error = null)
{
    /// <summary>Width of the requester column (a bare JID).</summary>
    public const int MaxRequesterLength = 512;

    /// <summary>Width of the node column.</summary>
    public const int MaxNodeLength = 255;
}
