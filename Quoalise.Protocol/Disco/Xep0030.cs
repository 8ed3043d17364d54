using System.Xml.Linq;

namespace Quoalise.Protocol.Disco;

/// <summary>XEP-0030 (Service Discovery) names.</summary>
public static class Xep0030
{
    public const string InfoNamespace = "http://jabber.org/protocol/disco#info";
    public const string ItemsNamespace = "http://jabber.org/protocol/disco#items";

    public static readonly XName InfoQuery = XName.Get("query", InfoNamespace);
    public static readonly XName ItemsQuery = XName.Get("query", ItemsNamespace);
    public static readonly XName Identity = XName.Get("identity", InfoNamespace);
    public static readonly XName Feature = XName.Get("feature", InfoNamespace);
    public static readonly XName Item = XName.Get("item", ItemsNamespace);
}
