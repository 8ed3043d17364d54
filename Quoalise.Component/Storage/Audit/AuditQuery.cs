using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Storage.Audit;

/// <summary>Filters of an audit search; each one left null matches everything. Immutable.</summary>
/// <param name="Since">Inclusive.</param>
/// <param name="Until">Exclusive.</param>
internal sealed record AuditQuery(
    Jid? Requester = null,
    string? Node = null,
    AuditOutcome? Outcome = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null);
