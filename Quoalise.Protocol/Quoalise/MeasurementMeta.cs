namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// <c>&lt;measurement name direction quantity type unit aggregation sampling-interval/&gt;</c>; every
/// attribute is optional. <see cref="SamplingInterval"/> is an ISO 8601 duration such as <c>PT30M</c>.
/// Values are kept as sent: the first generation says <c>average</c> where the second says <c>mean</c>.
/// Immutable.
/// </summary>
public sealed record MeasurementMeta(
    string? Name = null,
    string? Direction = null,
    string? Quantity = null,
    string? Type = null,
    string? Unit = null,
    string? Aggregation = null,
    string? SamplingInterval = null) : ExtensibleMeta
{
    /// <summary><c>corrected="true|false"</c>: whether the distributor corrected the values (sge-tiers-proxy).</summary>
    public bool? Corrected { get; init; }
}
