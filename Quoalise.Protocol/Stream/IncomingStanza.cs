using System.Xml.Linq;

namespace Quoalise.Protocol.Stream;

/// <summary>One result of <see cref="StanzaReader.ReadAsync"/>: a stanza, a skipped stanza, or the end of the stream.</summary>
public sealed class IncomingStanza
{
    private IncomingStanza(XElement? element, string? skipReason)
    {
        Element = element;
        SkipReason = skipReason;
    }

    public static IncomingStanza End { get; } = new(null, null);

    /// <summary>The stanza; for a skipped one, only its start tag (name and attributes).</summary>
    public XElement? Element { get; }

    /// <summary>Why the stanza's content was dropped (too large, too deep); null for a whole stanza.</summary>
    public string? SkipReason { get; }

    public bool IsEnd => Element is null;

    public static IncomingStanza Of(XElement element) => new(element, null);

    public static IncomingStanza Skipped(XElement startTag, string reason) => new(startTag, reason);
}
