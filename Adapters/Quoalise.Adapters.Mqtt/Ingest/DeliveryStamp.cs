using Quoalise.Adapters.Mqtt.Receipts;

namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>A message's reception stamp, and the receipt to log with its readings (none for QoS 0 or a known redelivery).</summary>
internal sealed record DeliveryStamp(DateTimeOffset Time, Receipt? Receipt);
