namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>
/// A charging session (<c>ocpp_transactions</c>). <see cref="Id"/> is the 1.6 transactionId we hand out;
/// <see cref="TransactionKey"/> is the 2.0.1 station's transactionId, or the 1.6 deduplication key.
/// </summary>
internal sealed class TransactionRow
{
    public long Id { get; init; }

    public string ChargePointId { get; init; } = string.Empty;

    public string TransactionKey { get; init; } = string.Empty;

    public string OcppVersion { get; init; } = string.Empty;

    public long? ConnectorId { get; init; }

    public string? IdTag { get; init; }

    public string? StartStatus { get; init; }

    public long? StartUs { get; init; }

    public double? MeterStartWh { get; init; }

    public long Ended { get; init; }

    public long? StopUs { get; init; }

    public double? MeterStopWh { get; init; }

    public string? StopReason { get; init; }

    public string? StopIdTag { get; init; }

    public string? ChargingState { get; init; }

    public long Offline { get; init; }

    public long? LastSeqNo { get; init; }

    /// <summary>The station's own transaction id: the 2.0.1 string, or our number on 1.6.</summary>
    public string StationTransactionId => OcppVersion == Rpc.OcppSubprotocols.Ocpp16 ? Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : TransactionKey;

    /// <summary>
    /// Energy delivered in Wh: the stop reading (or the latest register sample) minus the start reading (or
    /// the earliest register sample). Registers only grow, so the extreme samples are the first and last.
    /// </summary>
    public double? EnergyWh(EnergyRange? samples) =>
        (MeterStopWh ?? samples?.MaxWh) is { } last && (MeterStartWh ?? samples?.MinWh) is { } first ? Math.Max(0, last - first) : null;
}
