using Quoalise.Adapters.Ocpp.Metering;

namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>A sample on its way to <c>ocpp_meter_samples</c>: whose, which transaction, when received.</summary>
internal sealed record StoredSample(string ChargePointId, MeterSample Sample, long? TransactionId, long ReceivedUs);
