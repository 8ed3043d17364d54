using System.Xml.Linq;

namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// Names of the <c>urn:quoalise:0</c> payload: the envelope, both metadata generations and the business
/// error. There is no published specification; these follow what the Python implementations emit
/// (see Schemas/README.md). Constants only; thread-safe.
/// </summary>
public static class QuoaliseNames
{
    public const string Namespace = "urn:quoalise:0";

    public static readonly XName Quoalise = XName.Get("quoalise", Namespace);
    public static readonly XName Data = XName.Get("data", Namespace);
    public static readonly XName Meta = XName.Get("meta", Namespace);
    public static readonly XName Device = XName.Get("device", Namespace);
    public static readonly XName Identifier = XName.Get("identifier", Namespace);
    public static readonly XName Measurement = XName.Get("measurement", Namespace);

    /// <summary>Business error, carried inside a stanza <c>&lt;error&gt;</c>.</summary>
    public static readonly XName UpstreamError = XName.Get("upstream-error", Namespace);

    // First-generation (nested) measurement children, data-connect-proxy 2020.
    public static readonly XName Physical = XName.Get("physical", Namespace);
    public static readonly XName Business = XName.Get("business", Namespace);
    public static readonly XName Aggregate = XName.Get("aggregate", Namespace);
    public static readonly XName Sampling = XName.Get("sampling", Namespace);

    // Attributes, all unqualified.
    public static readonly XName TypeAttribute = "type";
    public static readonly XName AuthorityAttribute = "authority";
    public static readonly XName ValueAttribute = "value";
    public static readonly XName NameAttribute = "name";
    public static readonly XName DirectionAttribute = "direction";
    public static readonly XName QuantityAttribute = "quantity";
    public static readonly XName UnitAttribute = "unit";
    public static readonly XName AggregationAttribute = "aggregation";
    public static readonly XName SamplingIntervalAttribute = "sampling-interval";
    public static readonly XName CorrectedAttribute = "corrected";
    public static readonly XName IntervalAttribute = "interval";
    public static readonly XName IssuerAttribute = "issuer";
    public static readonly XName CodeAttribute = "code";
}
