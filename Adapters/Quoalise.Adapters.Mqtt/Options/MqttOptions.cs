namespace Quoalise.Adapters.Mqtt.Options;

/// <summary>
/// The <c>Mqtt</c> configuration section (docs/mqtt.md, "Settings"). Bound once at start-up and checked by
/// <see cref="MqttOptionsValidator"/>; nothing reads it before validation passed.
/// </summary>
internal sealed class MqttOptions
{
    public const string Section = "Mqtt";

    /// <summary><c>embedded</c> (default) or <c>external</c>.</summary>
    public string Mode { get; set; } = "embedded";

    public EmbeddedBrokerOptions Embedded { get; set; } = new();

    public ExternalBrokerOptions External { get; set; } = new();

    public TopicOptions Topics { get; set; } = new();

    /// <summary>The sensor catalogue; empty means the seed's three sensors (<see cref="SensorOptions.Defaults"/>).</summary>
    public List<SensorOptions> Sensors { get; set; } = [];

    /// <summary>A reading for an unknown greenhouse or bed registers it instead of being refused with BAC_NOT_FOUND.</summary>
    public bool AutoRegisterBeds { get; set; }

    /// <summary>Larger payloads are refused with INVALID_PAYLOAD before being decoded.</summary>
    public int MaxPayloadBytes { get; set; } = 4096;

    /// <summary>
    /// Largest packet the component takes in, header included. Embedded: a client sending a larger one loses its
    /// connection before the body is read; MQTT 5 clients are told the limit in their CONNACK. External: the broker is
    /// told it in the CONNECT, and does not forward larger messages. MQTTnet alone accepts up to 256 MiB, allocated whole.
    /// </summary>
    public int MaxPacketBytes { get; set; } = DefaultMaxPacketBytes;

    public const int DefaultMaxPacketBytes = 256 * 1024;

    /// <summary>The MQTT maximum: a four-byte remaining length of 268,435,455 and its header.</summary>
    public const int LargestPacketBytes = 268_435_460;

    /// <summary>Room a packet needs beyond its payload for its headers and a topic.</summary>
    public const int PacketOverheadBytes = 1024;

    /// <summary><see cref="Mode"/> as an enum; read only after validation.</summary>
    public MqttMode ParsedMode => Enum.Parse<MqttMode>(Mode, ignoreCase: true);

    /// <summary>The configured sensors, or the seed's when none are configured.</summary>
    public IReadOnlyList<SensorOptions> EffectiveSensors => Sensors.Count == 0 ? SensorOptions.Defaults : Sensors;
}
