namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>Sessions overlapping <c>[FromUs, ToUs)</c>, optionally of one charge point or one id tag, newest first.</summary>
internal sealed record SessionQuery(string? ChargePointId, string? IdTag, long FromUs, long ToUs, int Limit);
