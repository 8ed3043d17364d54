using System.Xml;
using System.Xml.Linq;
using Quoalise.Protocol.Stanzas;
using Quoalise.Protocol.Xml;

namespace Quoalise.Protocol.Stream;

/// <summary>
/// Reads an XMPP stream incrementally: the server's stream header, then one depth-1 element at a time,
/// returning each as soon as its end tag arrives. Oversized or too-deep stanzas are skipped node by node
/// (only their start tag is kept, so the sender can be answered) and the stream stays usable.
/// Not thread-safe: one read loop owns it. Not disposable: it never owns the stream, and aborting a
/// read is done by closing the stream underneath, from any thread.
/// </summary>
/// <remarks>
/// Stanzas are built node by node rather than with <c>XNode.ReadFrom</c>/<c>XElement.Load</c>: those read
/// past the end tag and block until the next stanza arrives (research: xmpp-anchors §1.7). Building here
/// also lets us enforce the depth cap and RFC 6120 §11.1 restricted XML while reading.
/// </remarks>
internal sealed class StanzaReader
{
    private readonly StanzaSizeGuard _guard;
    private readonly XmlReader _reader;
    private readonly long _maxStanzaBytes;
    private readonly int _maxDepth;

    public StanzaReader(System.IO.Stream stream, long maxStanzaBytes, int maxDepth)
    {
        _maxStanzaBytes = maxStanzaBytes;
        _maxDepth = maxDepth;

        // Four times the cap before failing outright: room to skip an oversized stanza without buffering it.
        _guard = new StanzaSizeGuard(stream, checked(maxStanzaBytes * 4));
        _reader = XmlReader.Create(_guard, SafeXml.StreamReaderSettings());
    }

    /// <summary>Reads up to the server's <c>&lt;stream:stream&gt;</c> start tag and returns its attributes.</summary>
    /// <exception cref="StreamErrorException">The server's first element is not a stream header.</exception>
    public async Task<StreamHeader> ReadHeaderAsync()
    {
        while (await NextNodeAsync().ConfigureAwait(false))
        {
            if (_reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (_reader.LocalName != "stream" || _reader.NamespaceURI != XmppNames.StreamsNamespace)
            {
                throw new StreamErrorException(StreamErrorCondition.InvalidNamespace, $"Expected a stream header, got <{_reader.Name}>.", fromPeer: false);
            }

            return new StreamHeader(_reader.GetAttribute("id"), _reader.GetAttribute("from"), _reader.GetAttribute("version"), _reader.GetAttribute("to"));
        }

        throw new EndOfStreamException("The server closed the connection before sending a stream header.");
    }

    /// <summary>Reads the next stanza, skipping whitespace keepalives between stanzas.</summary>
    /// <exception cref="StreamErrorException">Restricted XML (comment, processing instruction) was received.</exception>
    /// <exception cref="XmlException">The stream is not well-formed, or carries a DTD.</exception>
    public async Task<IncomingStanza> ReadAsync()
    {
        while (await NextNodeAsync().ConfigureAwait(false))
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element when _reader.Depth == 1:
                    return await ReadStanzaAsync().ConfigureAwait(false);
                case XmlNodeType.EndElement when _reader.Depth == 0:
                    return IncomingStanza.End;
                case XmlNodeType.Comment or XmlNodeType.ProcessingInstruction:
                    throw RestrictedXml();
                default:
                    // Whitespace between stanzas is a legal keepalive (RFC 6120 §4.6.1).
                    continue;
            }
        }

        return IncomingStanza.End;
    }

    // A connection closed mid-stream surfaces from XmlReader as "unexpected end of file": that is a
    // lost link, not malformed XML from the server.
    private async Task<bool> NextNodeAsync()
    {
        try
        {
            return await _reader.ReadAsync().ConfigureAwait(false);
        }
        catch (XmlException e) when (_guard.ReachedEnd)
        {
            throw new EndOfStreamException("The server closed the connection.", e);
        }
    }

    private async Task<IncomingStanza> ReadStanzaAsync()
    {
        _guard.ResetWindow();
        var root = StartElement();
        if (_reader.IsEmptyElement)
        {
            return IncomingStanza.Of(root);
        }

        string? skipReason = null;

        // Null entries stand for skipped elements: depth is still tracked while nothing is kept.
        var open = new Stack<XElement?>();
        open.Push(root);
        while (open.Count > 0)
        {
            if (!await NextNodeAsync().ConfigureAwait(false))
            {
                throw new EndOfStreamException("The connection closed in the middle of a stanza.");
            }

            if (skipReason is null && _guard.BytesInWindow > _maxStanzaBytes)
            {
                skipReason = $"The stanza is larger than {_maxStanzaBytes} bytes.";
            }

            switch (_reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (skipReason is null && _reader.Depth > _maxDepth)
                    {
                        skipReason = $"The stanza nests elements deeper than {_maxDepth} levels.";
                    }

                    var element = skipReason is null ? StartElement() : null;
                    open.Peek()?.Add(element);
                    if (!_reader.IsEmptyElement)
                    {
                        open.Push(element);
                    }

                    break;
                case XmlNodeType.EndElement:
                    open.Pop();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    var text = await _reader.GetValueAsync().ConfigureAwait(false);
                    if (skipReason is null)
                    {
                        open.Peek()?.Add(new XText(text));
                    }

                    break;
                case XmlNodeType.Comment or XmlNodeType.ProcessingInstruction:
                    throw RestrictedXml();
            }
        }

        if (skipReason is not null)
        {
            root.RemoveNodes();
            return IncomingStanza.Skipped(root, skipReason);
        }

        return IncomingStanza.Of(root);
    }

    private XElement StartElement()
    {
        // Servers may route in jabber:client (research §1.4): be tolerant on input, strict on output.
        var ns = _reader.NamespaceURI == XmppNames.ClientNamespace ? XmppNames.ComponentNamespace : _reader.NamespaceURI;
        var element = new XElement(XName.Get(_reader.LocalName, ns));
        if (_reader.MoveToFirstAttribute())
        {
            do
            {
                // Declarations are not content: XElement re-declares what it needs when written.
                if (_reader.NamespaceURI != "http://www.w3.org/2000/xmlns/")
                {
                    element.SetAttributeValue(XName.Get(_reader.LocalName, _reader.NamespaceURI), _reader.Value);
                }
            }
            while (_reader.MoveToNextAttribute());

            _reader.MoveToElement();
        }

        return element;
    }

    private static StreamErrorException RestrictedXml() =>
        new(StreamErrorCondition.RestrictedXml, "Comments and processing instructions are not allowed in XMPP (RFC 6120 §11.1).", fromPeer: false);
}
