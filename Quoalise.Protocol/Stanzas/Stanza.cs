using System.Xml.Linq;

namespace Quoalise.Protocol.Stanzas;

/// <summary>
/// Builders and readers for the three stanza kinds as <see cref="XElement"/>s in the component
/// namespace. Replies copy the id, swap the addresses and keep the language (RFC 6120 §8.2.3).
/// Stateless and thread-safe.
/// </summary>
public static class Stanza
{
    public static XElement Iq(IqType type, Jid from, Jid to, string id, XElement? payload = null, string? language = null) =>
        new(
            XmppNames.Iq,
            new XAttribute("type", ToWire(type)),
            new XAttribute("id", id),
            new XAttribute("from", from.ToString()),
            new XAttribute("to", to.ToString()),
            language is null ? null : new XAttribute(XmppNames.Lang, language),
            payload);

    /// <summary>The result of a get/set, with an optional payload.</summary>
    public static XElement Result(XElement request, XElement? payload = null) => Reply(request, "result", payload);

    /// <summary>An error reply: RFC 6120 §8.3.1 allows echoing the request payload; we never do, it can be large.</summary>
    public static XElement Error(XElement request, StanzaError error) =>
        Reply(request, "error", StanzaErrorCodec.Write(error, Language(request) ?? "en"));

    public static XElement Message(Jid from, Jid to, string? type, params object?[] content) =>
        new(
            XmppNames.Message,
            new XAttribute("from", from.ToString()),
            new XAttribute("to", to.ToString()),
            type is null ? null : new XAttribute("type", type),
            content);

    public static IqType? ParseIqType(string? type) => type switch
    {
        "get" => IqType.Get,
        "set" => IqType.Set,
        "result" => IqType.Result,
        "error" => IqType.Error,
        _ => null,
    };

    public static string ToWire(IqType type) => type switch
    {
        IqType.Get => "get",
        IqType.Set => "set",
        IqType.Result => "result",
        IqType.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string? Language(XElement stanza) => (string?)stanza.Attribute(XmppNames.Lang);

    private static XElement Reply(XElement request, string type, XElement? child) =>
        new(
            request.Name,
            new XAttribute("type", type),
            new XAttribute("id", (string?)request.Attribute("id") ?? string.Empty),
            new XAttribute("from", (string?)request.Attribute("to") ?? string.Empty),
            new XAttribute("to", (string?)request.Attribute("from") ?? string.Empty),
            Language(request) is { } lang ? new XAttribute(XmppNames.Lang, lang) : null,
            child);
}
