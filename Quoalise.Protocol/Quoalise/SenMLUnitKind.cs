namespace Quoalise.Protocol.Quoalise;

/// <summary>Which IANA SenML registry a unit symbol comes from.</summary>
public enum SenMLUnitKind
{
    /// <summary>"SenML Units" (RFC 8428 §12.1, extended by RFC 8798 §2): the only ones SenML version 10 allows in <c>u</c>.</summary>
    Primary,

    /// <summary>"Secondary Units" (RFC 8798 §3): a linear transformation of a primary unit, such as <c>Wh</c> or <c>kWh</c>.</summary>
    Secondary,
}
