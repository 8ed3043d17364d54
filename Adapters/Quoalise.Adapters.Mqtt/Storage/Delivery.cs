namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary>The stamp given to one QoS 1 delivery, keyed by MQTT session and packet id. Immutable.</summary>
/// <param name="Session">The publishing client's id (embedded) or the component's own (external).</param>
/// <param name="PayloadHash">Of topic and payload, so a reused packet id carrying another message is not mistaken.</param>
internal sealed record Delivery(string Session, int PacketId, DateTimeOffset Stamp, long PayloadHash);
