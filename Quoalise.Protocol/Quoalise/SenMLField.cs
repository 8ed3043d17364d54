namespace Quoalise.Protocol.Quoalise;

/// <summary>The RFC 8428 §4.3 fields, plus the two kinds of label this library does not know (§4.4).</summary>
internal enum SenMLField
{
    /// <summary>An extension label: ignored.</summary>
    Unknown,

    /// <summary>An extension label ending with '_': must be understood, so the pack is rejected.</summary>
    UnknownMandatory,
    BaseName,
    BaseTime,
    BaseUnit,
    BaseValue,
    BaseSum,
    BaseVersion,
    Name,
    Unit,
    Value,
    StringValue,
    BooleanValue,
    DataValue,
    Sum,
    Time,
    UpdateTime,
}
