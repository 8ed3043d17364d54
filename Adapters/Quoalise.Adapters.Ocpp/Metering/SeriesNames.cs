using System.Text;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Metering;

/// <summary>
/// Series identifiers (docs/ocpp.md, "Series"): <c>urn:dev:ocpp:{chargePoint}:{connector}_{quantity}</c> per
/// connector (2.0.1: per EVSE, whose meter it is), <c>urn:dev:ocpp:{chargePoint}:tx{transaction}_{quantity}</c> per
/// transaction, and statuses per connector (2.0.1: per connector of each EVSE, <c>1.2_status</c>). A charge point id
/// keeps ASCII letters, digits, '.' and '-'; any other byte is written <c>_XX</c> (hex), so names stay valid
/// SenML names (RFC 8428 §4.5.1) and the last '_' always starts the quantity. Stateless and thread-safe.
/// </summary>
internal static class SeriesNames
{
    public const string Prefix = "urn:dev:ocpp:";

    public static string ChargePoint(string chargePointId) => Prefix + Encode(chargePointId) + ":";

    public static string Connector(string chargePointId, int connectorId, string quantity) =>
        $"{ChargePoint(chargePointId)}{connectorId}_{quantity}";

    public static string Transaction(string chargePointId, long transactionId, string quantity) =>
        $"{ChargePoint(chargePointId)}tx{transactionId}_{quantity}";

    /// <summary>The series that stands for the whole charge point in access checks: its connector 0 status.</summary>
    public static string AccessProbe(string chargePointId) => Status(chargePointId, default);

    /// <summary>A connector's status: <c>…:1_status</c>, or per connector of a 2.0.1 EVSE, <c>…:1.2_status</c>.</summary>
    public static string Status(string chargePointId, ConnectorAddress connector) => $"{ChargePoint(chargePointId)}{connector}_status";

    /// <summary><c>energy</c>, <c>power</c>, <c>soc</c>, else the measurand in lower case with dashes, then the phase and any unusual location.</summary>
    public static string Quantity(MeterSample sample)
    {
        var name = sample.Measurand switch
        {
            MeterSample.EnergyRegister => "energy",
            "Power.Active.Import" => "power",
            "SoC" => "soc",
            _ => sample.Measurand.ToLowerInvariant().Replace('.', '-'),
        };
        if (sample.Phase is { Length: > 0 } phase)
        {
            name += "-" + phase.ToLowerInvariant();
        }

        // The plain name is for the usual location: Outlet, the spec's default; and for SoC, also the EV, where it is measured.
        var usual = sample.Location == SampledValueReader.DefaultLocation || (sample.Measurand == "SoC" && sample.Location == "EV");
        if (!usual)
        {
            name += "-" + sample.Location.ToLowerInvariant();
        }

        return Sanitize(name);
    }

    /// <summary>The encoded charge point id of one of our series (encoding leaves no ':' in it).</summary>
    public static string EncodedChargePointOf(string identifier)
    {
        var end = identifier.IndexOf(':', Prefix.Length);
        return end < 0 ? string.Empty : identifier[Prefix.Length..end];
    }

    public static string Encode(string chargePointId)
    {
        var builder = new StringBuilder(chargePointId.Length);
        foreach (var b in Encoding.UTF8.GetBytes(chargePointId))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'-')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('_').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    // Measurands and phases come from the charger: keep only what a SenML name allows.
    private static string Sanitize(string quantity) =>
        string.Concat(quantity.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-'));
}
