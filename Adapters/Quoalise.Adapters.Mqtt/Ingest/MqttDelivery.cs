namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>
/// One PUBLISH as either broker hands it over, copied out of MQTTnet's buffers. Immutable.
/// </summary>
/// <param name="Session">The MQTT session it belongs to: the device's client id (embedded) or the component's (external).</param>
/// <param name="PacketId">Non-zero for QoS 1 and 2.</param>
/// <param name="Duplicate">The DUP flag: a redelivery of a message that may already have been processed.</param>
internal sealed record MqttDelivery(string Topic, ReadOnlyMemory<byte> Payload, string Session, int PacketId, bool Duplicate);
