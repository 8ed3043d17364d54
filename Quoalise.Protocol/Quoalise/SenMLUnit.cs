namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// One registered SenML unit symbol. For a secondary unit, a value converts to <see cref="PrimaryUnit"/>
/// as <c>value * Scale + Offset</c> (RFC 8798 §3). Immutable and thread-safe.
/// </summary>
/// <param name="Symbol">The case-sensitive symbol written in <c>u</c>/<c>bu</c>, e.g. <c>Wh</c>.</param>
/// <param name="Description">The registry's description.</param>
/// <param name="Kind">Primary or secondary registry.</param>
/// <param name="NotRecommended">Marked with an asterisk: consumers accept it, new producers should not emit it.</param>
/// <param name="Reference">The RFC that registered it.</param>
/// <param name="PrimaryUnit">For a secondary unit, the primary unit it converts to; null for a primary unit.</param>
/// <param name="Scale">Conversion factor to <see cref="PrimaryUnit"/>; 1 for a primary unit.</param>
/// <param name="Offset">Conversion offset to <see cref="PrimaryUnit"/>; 0 for a primary unit.</param>
public sealed record SenMLUnit(
    string Symbol,
    string Description,
    SenMLUnitKind Kind,
    bool NotRecommended,
    string Reference,
    string? PrimaryUnit = null,
    double Scale = 1,
    double Offset = 0);
