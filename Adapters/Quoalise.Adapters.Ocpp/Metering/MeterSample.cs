namespace Quoalise.Adapters.Ocpp.Metering;

/// <summary>
/// One SampledValue with the spec's defaults applied (OCPP 1.6 §7.17: measurand
/// Energy.Active.Import.Register, context Sample.Periodic, format Raw, location Outlet; no phase = total)
/// and its value normalised to a registered SenML unit (kWh → Wh, kW → W, 2.0.1 multiplier applied).
/// Immutable.
/// </summary>
/// <param name="ConnectorId">1.6 connectorId or 2.0.1 evseId; 0 is the whole charge point (main meter).</param>
/// <param name="Timestamp">The meterValue's own time, not the receipt time.</param>
/// <param name="Phase">L1, L2-N… or null for the total.</param>
/// <param name="Unit">The OCPP unit as sent, or the measurand's own unit when none was sent.</param>
/// <param name="RawValue">The value as sent (a decimal, or the signed data for format SignedData).</param>
/// <param name="Value">Normalised numeric value, null when not a number or in an unknown unit.</param>
/// <param name="SenMLUnit">The SenML symbol of <paramref name="Value"/>, e.g. <c>Wh</c>, <c>W</c>, <c>%EL</c>.</param>
internal sealed record MeterSample(
    int ConnectorId,
    DateTimeOffset Timestamp,
    string Measurand,
    string? Phase,
    string Location,
    string Context,
    string Format,
    string Unit,
    string RawValue,
    double? Value,
    string? SenMLUnit)
{
    public const string EnergyRegister = "Energy.Active.Import.Register";

    /// <summary>The billing register's total: what sessions' energy is computed from.</summary>
    public bool IsEnergyRegister => Measurand == EnergyRegister && Phase is null && SenMLUnit == "Wh" && Value is not null;
}
