namespace Quoalise.Adapters.Mqtt.Options;

/// <summary><c>Mqtt:Embedded</c>: the MQTTnet broker run inside the component.</summary>
internal sealed class EmbeddedBrokerOptions
{
    /// <summary>Address to listen on. Loopback by default; <c>0.0.0.0</c> lets devices on the LAN connect.</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    /// <summary>
    /// Messages queued for one slow subscriber of the embedded broker (a dashboard, not the component) before
    /// new ones for it are dropped, each drop logged as a warning. MQTTnet's default of 1,000 drops silently.
    /// </summary>
    public int MaxPendingMessagesPerClient { get; set; } = 100_000;
}
