using System.Globalization;
using System.Text.Json;
using Quoalise.Adapters.Ocpp.Messages;
using Quoalise.Adapters.Ocpp.Storage;

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
            var where = $"meterValue[{index}]";
            var timestamp = meterValue.Time("timestamp");
            if (timestamp is null)
            {
                problems.Add($"{where}.timestamp is missing or not a date-time; the receipt time was used.");
            }

            foreach (var sampled in meterValue.Items("sampledValue"))
            {
                var sample = v201
                    ? Read201(sampled, connectorId, timestamp ?? receivedAt, where, problems)
                    : Read16(sampled, connectorId, timestamp ?? receivedAt, where, problems);
                if (sample is null)
                {
                    problems.Add($"{where} has a sampledValue without a value; it was skipped.");
                    continue;
                }

                if (sample.Value is null && sample.Format == DefaultFormat)
                {
                    problems.Add($"{where} {sample.Measurand} '{Shorten(sample.RawValue)}' {sample.Unit} is not a number in a known unit; kept as sent, not in series.");
                }

                samples.Add(sample);
            }

            index++;
        }

        return samples;
    }

    private static MeterSample? Read16(JsonElement sampled, int connectorId, DateTimeOffset timestamp, string where, List<string> problems)
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
        return Build(sampled, connectorId, timestamp, measurand, format, unit, raw, number, where, problems);
    }

    private static MeterSample? Read201(JsonElement sampled, int connectorId, DateTimeOffset timestamp, string where, List<string> problems)
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
        return Build(sampled, connectorId, timestamp, measurand, format, unit, raw, number.Value * Math.Pow(10, multiplier), where, problems);
    }

    // What the charge point names goes into columns of fixed width; a value out of the double range is no number.
    private static MeterSample Build(
        JsonElement sampled, int connectorId, DateTimeOffset timestamp, string measurand, string format, string unit, string raw, double? number, string where, List<string> problems)
    {
        var converted = number is { } n ? UnitConversion.ToSenML(measurand, unit, n) : null;
        var finite = converted is { Value: var value } && double.IsFinite(value) ? converted : null;
        return new MeterSample(
            connectorId,
            timestamp,
            ColumnWidths.Fit(measurand, ColumnWidths.Measurand, where + ".measurand", problems),
            ColumnWidths.FitOptional(sampled.String("phase"), ColumnWidths.Phase, where + ".phase", problems),
            ColumnWidths.Fit(sampled.String("location") ?? DefaultLocation, ColumnWidths.Location, where + ".location", problems),
            ColumnWidths.Fit(sampled.String("context") ?? DefaultContext, ColumnWidths.Context, where + ".context", problems),
            ColumnWidths.Fit(format, ColumnWidths.Format, where + ".format", problems),
            ColumnWidths.Fit(unit, ColumnWidths.Unit, where + ".unit", problems),
            ColumnWidths.Fit(raw, ColumnWidths.Text, where + ".value", problems),
            finite?.Value,
            finite?.Symbol);
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
