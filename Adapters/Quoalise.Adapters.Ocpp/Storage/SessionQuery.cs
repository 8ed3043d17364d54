namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>Sessions overlapping <c>[FromUs, ToUs)</c> of some charge points, optionally of one id tag, newest first.</summary>
/// <param name="ChargePointIds">The charge points searched: the requester's filter is applied here, before the limit.</param>
internal sealed record SessionQuery(IReadOnlyList<string> ChargePointIds, string? IdTag, long FromUs, long ToUs, int Limit);
