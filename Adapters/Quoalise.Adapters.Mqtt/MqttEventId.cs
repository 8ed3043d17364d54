namespace Quoalise.Adapters.Mqtt;

/// <summary>Log event ids of the MQTT adapter: 4000–4999, in ranges per area (docs/mqtt.md, "Logs").</summary>
internal static class MqttEventId
{
    // 4000–4019: brokers.
    public const int EmbeddedBrokerListening = 4000;
    public const int EmbeddedBrokerFailed = 4001;
    public const int Connected = 4002;
    public const int Subscribed = 4003;
    public const int ConnectFailed = 4004;
    public const int ConnectionLost = 4005;
    public const int Reconnecting = 4006;
    public const int RedeliveryRequested = 4007;
    public const int DisconnectFailed = 4008;
    public const int SubscriberMessageDropped = 4009;
    public const int ClientIdRequired = 4010;
    public const int AcceptFailed = 4011;
    public const int ConnectionFailed = 4012;
    public const int PacketTooLarge = 4013;
    public const int ReceiveMaximumExceeded = 4014;

    // 4020–4029: ingestion.
    public const int IngestErrorRecorded = 4020;
    public const int IngestErrorNotRecorded = 4021;
    public const int ReadingsStored = 4022;
    public const int ReadingsNotStored = 4023;
    public const int UnexpectedError = 4024;
    public const int ControllerAnnounced = 4025;
    public const int ControllerOffline = 4026;
    public const int RedeliveryRestamped = 4027;

    // 4030–4039: the adapter's database.
    public const int DatabaseUnavailable = 4030;
    public const int DatabaseBack = 4031;

    // 4040–4049: commands.
    public const int BedRegistered = 4040;
}
