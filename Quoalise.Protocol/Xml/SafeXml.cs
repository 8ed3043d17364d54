using System.Xml;
using System.Xml.Linq;

namespace Quoalise.Protocol.Xml;

/// <summary>
/// XML reading with the RFC 6120 §11.1 restrictions that keep XXE and entity bombs out: no DTD, no
/// resolver. Every parser in the product goes through here. Stateless and thread-safe.
/// </summary>
public static class SafeXml
{
    /// <summary>Settings for an incremental, asynchronous stream reader (the XEP-0114 link).</summary>
    public static XmlReaderSettings StreamReaderSettings() => new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CloseInput = false,
        IgnoreComments = false,
        IgnoreProcessingInstructions = false,
        IgnoreWhitespace = false,
        CheckCharacters = true,
    };

    /// <summary>Parses a complete document or element held in a string (tests, tools, stored XML).</summary>
    /// <exception cref="XmlException">Malformed XML, or a DTD.</exception>
    public static XElement Parse(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        return XElement.Load(reader, LoadOptions.None);
    }
}
