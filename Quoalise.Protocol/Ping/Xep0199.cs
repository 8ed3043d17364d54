using System.Xml.Linq;

namespace Quoalise.Protocol.Ping;

/// <summary>XEP-0199 (XMPP Ping) names.</summary>
public static class Xep0199
{
    public const string Namespace = "urn:xmpp:ping";

    public static readonly XName PingElement = XName.Get("ping", Namespace);
}
