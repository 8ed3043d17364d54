using System.Xml.Linq;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Routing;

/// <summary>What a handler answers: a result with an optional payload, or a stanza error.</summary>
public sealed class IqResponse
{
    private IqResponse(XElement? payload, StanzaError? error)
    {
        Payload = payload;
        Error = error;
    }

    public XElement? Payload { get; }

    public StanzaError? Error { get; }

    public static IqResponse Result(XElement? payload = null) => new(payload, null);

    public static IqResponse Fail(StanzaError error) => new(null, error);
}
