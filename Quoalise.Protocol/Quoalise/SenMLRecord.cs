namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// One resolved SenML record (RFC 8428 §4.6): absolute name and time, its own unit, and exactly the
/// value kinds it carries. Base fields (bn, bt, bu, bv, bs, bver) exist only on the wire; codecs resolve
/// them on read and factor them out on write. Immutable.
/// </summary>
/// <param name="Name">Resolved name (bn + n), e.g. <c>urn:dev:mac:0024befffe804ff1_temperature</c>.</param>
/// <param name="Time">Resolved absolute time (bt + t).</param>
/// <param name="Unit">SenML unit symbol (RFC 8428 §12.1 and RFC 8798), e.g. <c>Cel</c>, <c>%RH</c>, <c>Wh</c>; null when unitless.</param>
/// <param name="Value">Numeric value (v, plus bv when resolved).</param>
/// <param name="StringValue">String value (vs).</param>
/// <param name="BooleanValue">Boolean value (vb).</param>
/// <param name="DataValue">Data value (vd), base64url without padding as on the wire.</param>
/// <param name="Sum">Integrated sum (s, plus bs when resolved).</param>
/// <param name="UpdateTime">Maximum time before the next reading is expected (ut), in seconds.</param>
public sealed record SenMLRecord(
    string Name,
    DateTimeOffset Time,
    string? Unit = null,
    double? Value = null,
    string? StringValue = null,
    bool? BooleanValue = null,
    string? DataValue = null,
    double? Sum = null,
    double? UpdateTime = null)
{
    /// <summary>RFC 8428 §4.6: a resolved record carries a value, a sum, or both.</summary>
    public bool HasValueOrSum =>
        Value is not null || StringValue is not null || BooleanValue is not null || DataValue is not null || Sum is not null;
}
