using System.Xml.Linq;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Routing;

/// <summary>
/// What a handler serves: an iq type and the qualified name of the payload. Typed, so a typo cannot
/// silently never fire; two handlers on one route fail start-up.
/// </summary>
public sealed record IqRoute(IqType Type, XName Payload)
{
    public override string ToString() => $"iq {Stanza.ToWire(Type)} {Payload}";
}
