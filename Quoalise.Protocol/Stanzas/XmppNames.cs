using System.Xml.Linq;

namespace Quoalise.Protocol.Stanzas;

/// <summary>RFC 6120 and XEP-0114 namespaces and element names. Spec literals live here only.</summary>
public static class XmppNames
{
    /// <summary>XEP-0114: the default namespace of a component stream and of every stanza on it.</summary>
    public const string ComponentNamespace = "jabber:component:accept";

    /// <summary>Servers may route stanzas to components in the client namespace; we accept both.</summary>
    public const string ClientNamespace = "jabber:client";

    public const string StreamsNamespace = "http://etherx.jabber.org/streams";
    public const string StreamErrorsNamespace = "urn:ietf:params:xml:ns:xmpp-streams";
    public const string StanzaErrorsNamespace = "urn:ietf:params:xml:ns:xmpp-stanzas";

    public static readonly XNamespace Component = ComponentNamespace;
    public static readonly XNamespace Streams = StreamsNamespace;
    public static readonly XNamespace StreamErrors = StreamErrorsNamespace;
    public static readonly XNamespace StanzaErrors = StanzaErrorsNamespace;

    public static readonly XName Iq = Component + "iq";
    public static readonly XName Message = Component + "message";
    public static readonly XName Presence = Component + "presence";
    public static readonly XName Error = Component + "error";
    public static readonly XName Handshake = Component + "handshake";
    public static readonly XName Body = Component + "body";
    public static readonly XName Subject = Component + "subject";
    public static readonly XName Thread = Component + "thread";
    public static readonly XName Show = Component + "show";
    public static readonly XName Status = Component + "status";

    public static readonly XName Stream = Streams + "stream";
    public static readonly XName StreamError = Streams + "error";

    /// <summary>The <c>&lt;text&gt;</c> of a stanza error.</summary>
    public static readonly XName StanzaErrorText = StanzaErrors + "text";

    /// <summary>The <c>&lt;text&gt;</c> of a stream error.</summary>
    public static readonly XName StreamErrorText = StreamErrors + "text";

    public static readonly XName Lang = XNamespace.Xml + "lang";
}
