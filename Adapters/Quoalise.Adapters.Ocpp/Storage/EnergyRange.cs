namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>The lowest and highest energy register reading (Wh) sampled in one transaction.</summary>
internal sealed class EnergyRange
{
    public long TransactionId { get; init; }

    public double MinWh { get; init; }

    public double MaxWh { get; init; }
}
