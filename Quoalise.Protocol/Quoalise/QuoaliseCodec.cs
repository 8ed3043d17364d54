using System.Xml.Linq;

namespace Quoalise.Protocol.Quoalise;

// TEMPORARY local stand-in until the payload library lands; never committed.
public static class QuoaliseCodec
{
    public static XElement Write(IReadOnlyList<QuoaliseData> data) =>
        new(XName.Get("quoalise", "urn:quoalise:0"), data.Select(d => new XElement(XName.Get("data", "urn:quoalise:0"), new XElement(XName.Get("meta", "urn:quoalise:0")))));

    public static XElement UpstreamError(string issuer, string code) =>
        new(XName.Get("upstream-error", "urn:quoalise:0"), new XAttribute("issuer", issuer), new XAttribute("code", code));
}
