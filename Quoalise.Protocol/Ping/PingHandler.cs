using Quoalise.Protocol.Routing;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Ping;

/// <summary>
/// Answers XEP-0199 pings with an empty result, as §3 asks; some clients probe with them before
/// running commands. Stateless and thread-safe.
/// </summary>
/// <example><c>&lt;iq type='get' id='p1'&gt;&lt;ping xmlns='urn:xmpp:ping'/&gt;&lt;/iq&gt;</c> → <c>&lt;iq type='result' id='p1'/&gt;</c></example>
public sealed class PingHandler : IIqHandler
{
    public IReadOnlyList<IqRoute> Routes { get; } = [new(IqType.Get, Xep0199.PingElement)];

    public IReadOnlyList<string> Features { get; } = [Xep0199.Namespace];

    public Task<IqResponse> HandleAsync(IqRequest request, CancellationToken cancellationToken) => Task.FromResult(IqResponse.Result());
}
