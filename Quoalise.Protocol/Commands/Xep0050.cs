using System.Xml.Linq;

namespace Quoalise.Protocol.Commands;

/// <summary>XEP-0050 (Ad-Hoc Commands) names.</summary>
public static class Xep0050
{
    public const string Namespace = "http://jabber.org/protocol/commands";

    public static readonly XNamespace Ns = Namespace;
    public static readonly XName Command = Ns + "command";
    public static readonly XName Actions = Ns + "actions";
    public static readonly XName Note = Ns + "note";

    /// <summary>Actions a requester may send (§4.1), and the children of &lt;actions&gt;.</summary>
    public const string Execute = "execute";
    public const string Cancel = "cancel";
    public const string Prev = "prev";
    public const string Next = "next";
    public const string Complete = "complete";

    /// <summary>Statuses a responder sets (§4.1).</summary>
    public const string Executing = "executing";
    public const string Completed = "completed";
    public const string Canceled = "canceled";

    /// <summary>XEP-0030 identities (§2.2): the command list node and each command node.</summary>
    public const string IdentityCategory = "automation";
    public const string CommandListType = "command-list";
    public const string CommandNodeType = "command-node";

    /// <summary>§4.4 specific error conditions, in <see cref="Namespace"/>.</summary>
    public const string MalformedAction = "malformed-action";
    public const string BadAction = "bad-action";
    public const string BadLocale = "bad-locale";
    public const string BadPayload = "bad-payload";
    public const string BadSessionId = "bad-sessionid";
    public const string SessionExpired = "session-expired";
}
