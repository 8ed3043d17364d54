namespace Quoalise.Adapters.Mqtt.Options;

/// <summary>Where the devices publish: to the broker inside the component, or to an operator's broker.</summary>
internal enum MqttMode
{
    /// <summary>An MQTTnet broker in the component (default): nothing to install.</summary>
    Embedded,

    /// <summary>A client of an external broker such as Mosquitto, with TLS and a persistent session.</summary>
    External,
}
