using System.Xml.Linq;

namespace Quoalise.Protocol.Version;

/// <summary>XEP-0092 (Software Version) names.</summary>
public static class Xep0092
{
    public const string Namespace = "jabber:iq:version";

    public static readonly XNamespace Ns = Namespace;
    public static readonly XName Query = Ns + "query";
    public static readonly XName Name = Ns + "name";
    public static readonly XName VersionElement = Ns + "version";
    public static readonly XName Os = Ns + "os";
}
