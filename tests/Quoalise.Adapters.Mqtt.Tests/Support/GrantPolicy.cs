using Quoalise.Adapters.Access;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Adapters.Mqtt.Tests.Support;

/// <summary>An access policy granting one JID the series that start with a prefix.</summary>
internal sealed class GrantPolicy(string jid, string seriesPrefix) : IAccessPolicy
{
    public bool Allows(Jid requester, Permission permission) => true;

    public bool MayRead(Jid requester, string seriesIdentifier) =>
        requester.ToString() == jid && seriesIdentifier.StartsWith(seriesPrefix, StringComparison.Ordinal);
}
