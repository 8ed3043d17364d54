using System.Xml.Linq;

namespace Quoalise.Protocol.Stanzas;

/// <summary>
/// An RFC 6120 §8.3 stanza error: type, defined condition, optional human text, and an optional
/// application-specific condition (an XEP-0050 condition, or Quoalise's <c>upstream-error</c>).
/// Build them through <see cref="StanzaErrors"/>. Immutable.
/// </summary>
public sealed record StanzaError(StanzaErrorType Type, string Condition, string? Text = null, XElement? ApplicationCondition = null)
{
    public override string ToString() =>
        Text is null ? $"{Condition} ({Type.ToString().ToLowerInvariant()})" : $"{Condition} ({Type.ToString().ToLowerInvariant()}): {Text}";
}
