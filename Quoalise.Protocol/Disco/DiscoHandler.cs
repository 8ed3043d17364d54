using System.Xml.Linq;
using Quoalise.Protocol.Routing;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Disco;

/// <summary>
/// Answers XEP-0030 disco#info and disco#items. Without a node: our identity and the features of every
/// handler, and no items. With a node: whichever provider owns it, or item-not-found. The node is always
/// mirrored in the answer, which clients rely on (research §2.1). Thread-safe.
/// </summary>
/// <example>
/// <code>
/// &lt;query xmlns='http://jabber.org/protocol/disco#info'&gt;
///   &lt;identity category='component' type='generic' name='Quoalise'/&gt;
///   &lt;feature var='http://jabber.org/protocol/commands'/&gt;
/// &lt;/query&gt;
/// </code>
/// </example>
public sealed class DiscoHandler : IIqHandler
{
    private readonly DiscoIdentity _identity;
    private readonly Func<IReadOnlyList<string>> _features;
    private readonly IReadOnlyList<IDiscoNodeProvider> _providers;

    /// <param name="identity">Our identity: <c>component/generic</c>, the same for everyone (XEP-0030 §6).</param>
    /// <param name="features">The router's features, read per request since the router is built after us.</param>
    /// <param name="providers">Owners of nodes.</param>
    public DiscoHandler(DiscoIdentity identity, Func<IReadOnlyList<string>> features, IEnumerable<IDiscoNodeProvider> providers)
    {
        _identity = identity;
        _features = features;
        _providers = providers.ToList();
    }

    public IReadOnlyList<IqRoute> Routes { get; } =
        [new(IqType.Get, Xep0030.InfoQuery), new(IqType.Get, Xep0030.ItemsQuery)];

    public IReadOnlyList<string> Features { get; } = [Xep0030.InfoNamespace, Xep0030.ItemsNamespace];

    public Task<IqResponse> HandleAsync(IqRequest request, CancellationToken cancellationToken)
    {
        var node = (string?)request.Payload.Attribute("node");
        var response = request.Payload.Name == Xep0030.InfoQuery ? Info(node, request.From) : Items(node, request.From);
        return Task.FromResult(response);
    }

    private IqResponse Info(string? node, Jid requester)
    {
        if (string.IsNullOrEmpty(node))
        {
            return IqResponse.Result(WriteInfo(null, new DiscoInfo([_identity], _features())));
        }

        var lookup = _providers.Select(p => p.GetInfo(node, requester)).FirstOrDefault(l => l is not null);
        return Answer(lookup, node, info => WriteInfo(node, info));
    }

    private IqResponse Items(string? node, Jid requester)
    {
        if (string.IsNullOrEmpty(node))
        {
            return IqResponse.Result(new XElement(Xep0030.ItemsQuery));
        }

        var lookup = _providers.Select(p => p.GetItems(node, requester)).FirstOrDefault(l => l is not null);
        return Answer(lookup, node, items => new XElement(
            Xep0030.ItemsQuery,
            new XAttribute("node", node),
            items.Select(i => new XElement(
                Xep0030.Item,
                new XAttribute("jid", i.Jid.ToString()),
                new XAttribute("node", i.Node),
                new XAttribute("name", i.Name)))));
    }

    private static IqResponse Answer<T>(DiscoLookup<T>? lookup, string node, Func<T, XElement> write)
        where T : class =>
        lookup is null ? IqResponse.Fail(StanzaErrors.ItemNotFound($"There is no node '{Excerpt.Of(node)}'."))
        : lookup.Error is { } error ? IqResponse.Fail(error)
        : IqResponse.Result(write(lookup.Value!));

    private static XElement WriteInfo(string? node, DiscoInfo info) =>
        new(
            Xep0030.InfoQuery,
            node is null ? null : new XAttribute("node", node),
            info.Identities.Select(i => new XElement(
                Xep0030.Identity,
                new XAttribute("category", i.Category),
                new XAttribute("type", i.Type),
                new XAttribute("name", i.Name))),
            info.Features.Select(f => new XElement(Xep0030.Feature, new XAttribute("var", f))));

}
