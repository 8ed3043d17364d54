using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Disco;

/// <summary>
/// Serves disco queries on the nodes it owns (the command list, each command). The answer may depend
/// on the requester: XEP-0050 §2.2 lets the command list differ per requester. Thread-safe.
/// </summary>
public interface IDiscoNodeProvider
{
    /// <summary>Info on <paramref name="node"/>, or null when the node is not this provider's.</summary>
    DiscoLookup<DiscoInfo>? GetInfo(string node, Jid requester);

    /// <summary>Items under <paramref name="node"/>, or null when the node is not this provider's.</summary>
    DiscoLookup<IReadOnlyList<DiscoItem>>? GetItems(string node, Jid requester);
}
