namespace Quoalise.Protocol.Routing;

/// <summary>
/// Serves iq get/set requests for one or more payload names, and names the XEP-0030 features it
/// implements. Implementations are singletons, called concurrently, so they must be thread-safe.
/// </summary>
public interface IIqHandler
{
    IReadOnlyList<IqRoute> Routes { get; }

    /// <summary>Feature vars announced in our disco#info, e.g. <c>urn:xmpp:ping</c>.</summary>
    IReadOnlyList<string> Features { get; }

    Task<IqResponse> HandleAsync(IqRequest request, CancellationToken cancellationToken);
}
