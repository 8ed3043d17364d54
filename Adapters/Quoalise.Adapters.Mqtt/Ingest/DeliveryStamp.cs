using Quoalise.Protocol.Quoalise;

namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>A message's reception stamp, and the receipt to write in front of its readings (none for QoS 0 or a known redelivery).</summary>
internal sealed record DeliveryStamp(DateTimeOffset Time, SenMLRecord? Receipt);
