using System.Xml.Linq;

namespace Quoalise.Protocol.Stanzas;

/// <summary>
/// Writes and reads the <c>&lt;error/&gt;</c> child of a stanza. Stateless and thread-safe.
/// </summary>
/// <example>
/// <code>
/// &lt;error type='modify'&gt;
///   &lt;bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/&gt;
///   &lt;text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'&gt;Unknown or expired session&lt;/text&gt;
///   &lt;bad-sessionid xmlns='http://jabber.org/protocol/commands'/&gt;
/// &lt;/error&gt;
/// </code>
/// </example>
public static class StanzaErrorCodec
{
    /// <summary>RFC 6120 §8.3.2 order: the defined condition, the text, then the application condition.</summary>
    public static XElement Write(StanzaError error, string language = "en") =>
        new(
            XmppNames.Error,
            new XAttribute("type", error.Type.ToString().ToLowerInvariant()),
            new XElement(XmppNames.StanzaErrors + error.Condition),
            error.Text is null ? null : new XElement(XmppNames.StanzaErrorText, new XAttribute(XmppNames.Lang, language), error.Text),
            error.ApplicationCondition is null ? null : new XElement(error.ApplicationCondition));

    /// <summary>Reads the error of a response to one of our requests; unknown parts become undefined-condition.</summary>
    public static StanzaError Read(XElement stanza)
    {
        var error = stanza.Elements().FirstOrDefault(e => e.Name.LocalName == "error");
        if (error is null)
        {
            return new StanzaError(StanzaErrorType.Cancel, StanzaCondition.UndefinedCondition, "The error stanza carried no <error/>.");
        }

        var type = Enum.TryParse<StanzaErrorType>((string?)error.Attribute("type"), ignoreCase: true, out var t) ? t : StanzaErrorType.Cancel;
        var condition = error.Elements().FirstOrDefault(e => e.Name.Namespace == XmppNames.StanzaErrors && e.Name.LocalName != "text")
            ?.Name.LocalName ?? StanzaCondition.UndefinedCondition;
        var text = (string?)error.Element(XmppNames.StanzaErrorText);
        var application = error.Elements().FirstOrDefault(e => e.Name.Namespace != XmppNames.StanzaErrors);
        return new StanzaError(type, condition, text, application);
    }
}
