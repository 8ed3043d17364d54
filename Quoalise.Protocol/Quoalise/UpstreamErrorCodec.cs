using System.Xml.Linq;

namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// <c>&lt;upstream-error xmlns="urn:quoalise:0" issuer="enedis-sge-tiers" code="SGT570"/&gt;</c> to and from
/// <see cref="UpstreamError"/>. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <c>code</c> is always written, empty when unknown: the Python client reads it without a default and
/// fails when it is missing. Reading accepts its absence (data-connect-proxy omits it) as an empty code.
/// </remarks>
public static class UpstreamErrorCodec
{
    public static XElement Write(UpstreamError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentException.ThrowIfNullOrEmpty(error.Issuer, nameof(error));
        return new XElement(
            QuoaliseNames.UpstreamError,
            new XAttribute(QuoaliseNames.IssuerAttribute, error.Issuer),
            new XAttribute(QuoaliseNames.CodeAttribute, error.Code ?? string.Empty));
    }

    /// <exception cref="QuoaliseFormatException">Not an upstream-error element, or no issuer.</exception>
    public static UpstreamError Read(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element.Name != QuoaliseNames.UpstreamError)
        {
            throw new QuoaliseFormatException($"Expected <upstream-error xmlns=\"{QuoaliseNames.Namespace}\">, got {SenMLSyntax.Quote(element.Name.ToString())}.");
        }

        var issuer = element.Attribute(QuoaliseNames.IssuerAttribute)?.Value;
        return string.IsNullOrEmpty(issuer)
            ? throw new QuoaliseFormatException("<upstream-error> has no issuer.")
            : new UpstreamError(issuer, element.Attribute(QuoaliseNames.CodeAttribute)?.Value ?? string.Empty);
    }
}
