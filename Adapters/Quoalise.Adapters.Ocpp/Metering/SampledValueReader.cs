using System.Globalization;
using System.Text.Json;
using Quoalise.Adapters.Ocpp.Messages;

namespace Quoalise.Adapters.Ocpp.Metering;

/// <summary>
/// Reads the <c>meterValue</c> arrays of MeterValues, StopTransaction.transactionData and TransactionEvent,
/// in either version, into <see cref="MeterSample"/>s. Tolerant: what cannot be read is reported in
/// <c>problems</c> and the rest is kept. Stateless and thread-safe.
/// </summary>
internal static class SampledValueReader
{
    public const string DefaultContext = "Sample.Periodic";
    public const string DefaultFormat = "Raw";
    public const string DefaultLocation = "Outlet";

    /// <param name="meterValues">The array of MeterValue objects.</param>
    /// <param name="connectorId">Connector (1.6) or EVSE (2.0.1) the samples belong to.</param>
    /// <param name="receivedAt">Stands for a meterValue timestamp that cannot be read.</param>
    /// <param name="v201">2.0.1 samples: numeric value, unitOfMeasure with multiplier, signedMeterValue.</param>
    /// <param name="problems">Receives a sentence per thing that could not be read.</param>
    public static List<MeterSample> Read(IEnumerable<JsonElement> meterValues, int connectorId, DateTimeOffset receivedAt, bool v201, List<string> problems)
    {
        var samples = new List<MeterSample>();
        var index = 0;
        foreach (var meterValue in meterValues)
        {
            var timestamp = meterValue.Time("timestamp");
            if (timestamp is null)
            {
                problems.Add($"meterValue[{index}].timestamp is missing or not a date-time; the receipt time was used.");
            }

            foreach (var sampled in meterValue.Items("sampledValue"))
            {
                var sample = v201 ? Read201(sampled, connectorId, timestamp ?? receivedAt) : Read16(sampled, connectorId, timestamp ?? receivedAt);
                if (sample is null)
                {
                    problems.Add($"meterValue[{index}] has a sampledValue without a value; it was skipped.");
                    continue;
                }

                if (sample.Value is null && sample.Format == DefaultFormat)
                {
                    problems.Add($"meterValue[{index}] {sample.Measurand} '{Shorten(sample.RawValue)}' {sample.Unit} is not a number in a known unit; kept as sent, not in series.");
                }

                samples.Add(sample);
            }

            index++;
        }

        return samples;
    }

    private static MeterSample? Read16(JsonElement sampled, int connectorId, DateTimeOffset timestamp)
    {
        var raw = sampled.Field("value") is { } value
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : null;
        if (raw is null)
        {
            return null;
        }

        var measurand = sampled.String("measurand") ?? MeterSample.EnergyRegister;
        var format = sampled.String("format") ?? DefaultFormat;
        var unit = sampled.String("unit") ?? UnitConversion.DefaultUnit(measurand);
        double? number = format == DefaultFormat && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) ? parsed : null;
        return Build(sampled, connectorId, timestamp, measurand, format, unit, raw, number);
    }

    private static MeterSample? Read201(JsonElement sampled, int connectorId, DateTimeOffset timestamp)
    {
        var number = sampled.Number("value");
        if (number is null)
        {
            return null;
        }

        var measurand = sampled.String("measurand") ?? MeterSample.EnergyRegister;
        var unitOfMeasure = sampled.Field("unitOfMeasure");
        var unit = unitOfMeasure?.String("unit") ?? UnitConversion.DefaultUnit(measurand);
        var multiplier = unitOfMeasure?.Int("multiplier") ?? 0;
        var format = sampled.Field("signedMeterValue") is not null ? "SignedData" : DefaultFormat;
        var raw = sampled.Field("value")!.Value.GetRawText();
        return Build(sampled, connectorId, timestamp, measurand, format, unit, raw, number.Value * Math.Pow(10, multiplier));
    }

    private static MeterSample Build(JsonElement sampled, int connectorId, DateTimeOffset timestamp, string measurand, string format, string unit, string raw, double? number)
    {
        var converted = number is { } n ? UnitConversion.ToSenML(measurand, unit, n) : null;
        return new MeterSample(
            connectorId,
            timestamp,
            measurand,
            sampled.String("phase"),
            sampled.String("location") ?? DefaultLocation,
            sampled.String("context") ?? DefaultContext,
            format,
            unit,
            raw,
            converted?.Value,
            converted?.Symbol);
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
