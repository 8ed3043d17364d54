using Microsoft.Extensions.Logging;

namespace Quoalise.Adapters.Mqtt;

/// <summary>Every log line of the MQTT adapter. Payload excerpts go to the error table, not to logs above Debug.</summary>
internal static partial class MqttLog
{
    [LoggerMessage(MqttEventId.EmbeddedBrokerListening, LogLevel.Information, "Embedded MQTT broker listening on {Host}:{Port}")]
    public static partial void EmbeddedBrokerListening(ILogger logger, string host, int port);

    [LoggerMessage(MqttEventId.EmbeddedBrokerFailed, LogLevel.Critical,
        "The embedded MQTT broker cannot listen on {Host}:{Port}: is another broker running there? Set Mqtt:Embedded:Port, or Mqtt:Mode=external to use it")]
    public static partial void EmbeddedBrokerFailed(ILogger logger, Exception exception, string host, int port);

    [LoggerMessage(MqttEventId.Connected, LogLevel.Information, "Connected to MQTT broker {Host}:{Port} as {ClientId} (session present: {SessionPresent})")]
    public static partial void Connected(ILogger logger, string host, int port, string clientId, bool sessionPresent);

    [LoggerMessage(MqttEventId.Subscribed, LogLevel.Information, "Subscribed at QoS 1 to {Filters}")]
    public static partial void Subscribed(ILogger logger, string filters);

    [LoggerMessage(MqttEventId.ConnectFailed, LogLevel.Warning, "Cannot connect to MQTT broker {Host}:{Port} (attempt {Attempt})")]
    public static partial void ConnectFailed(ILogger logger, Exception exception, string host, int port, int attempt);

    [LoggerMessage(MqttEventId.ConnectionLost, LogLevel.Warning, "MQTT connection lost: {Reason}")]
    public static partial void ConnectionLost(ILogger logger, Exception? exception, string reason);

    [LoggerMessage(MqttEventId.Reconnecting, LogLevel.Information, "Reconnecting to the MQTT broker in {Delay} (attempt {Attempt})")]
    public static partial void Reconnecting(ILogger logger, TimeSpan delay, int attempt);

    [LoggerMessage(MqttEventId.RedeliveryRequested, LogLevel.Warning,
        "A message could not be stored: disconnecting without acknowledging it, so the broker delivers it again")]
    public static partial void RedeliveryRequested(ILogger logger);

    [LoggerMessage(MqttEventId.DisconnectFailed, LogLevel.Debug, "Clean MQTT disconnect failed; the broker will see the connection drop")]
    public static partial void DisconnectFailed(ILogger logger, Exception exception);

    [LoggerMessage(MqttEventId.SubscriberMessageDropped, LogLevel.Warning,
        "Embedded broker dropped a message on {Topic} for subscriber {ClientId}: it has {Max} messages waiting (Mqtt:Embedded:MaxPendingMessagesPerClient)")]
    public static partial void SubscriberMessageDropped(ILogger logger, string clientId, string topic, int max);

    [LoggerMessage(MqttEventId.ClientIdRequired, LogLevel.Warning,
        "Refused an MQTT 3.1.1 client at {Endpoint} asking for a persistent session without a client id (MQTT 3.1.1 §3.1.3.1): give the device an id")]
    public static partial void ClientIdRequired(ILogger logger, string endpoint);

    [LoggerMessage(MqttEventId.AcceptFailed, LogLevel.Warning, "The embedded MQTT broker could not accept a connection; it tries again in a second")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(MqttEventId.ConnectionFailed, LogLevel.Debug, "A connection to the embedded MQTT broker from {Endpoint} ended with an error")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception, string endpoint);

    [LoggerMessage(MqttEventId.PacketTooLarge, LogLevel.Warning,
        "Closed the connection from {Endpoint}: its next packet is {PacketBytes} bytes, over Mqtt:MaxPacketBytes ({MaxPacketBytes})")]
    public static partial void PacketTooLarge(ILogger logger, string endpoint, long packetBytes, int maxPacketBytes);

    [LoggerMessage(MqttEventId.ReceiveMaximumExceeded, LogLevel.Warning,
        "The broker sent more than {ReceiveMaximum} messages awaiting acknowledgement (Mqtt:External:ReceiveMaximum, MQTT 5 Receive Maximum): " +
        "the rest wait until acknowledgements make room. Mosquitto before 2.0.13 does this once messages queue up (docs/mqtt.md)")]
    public static partial void ReceiveMaximumExceeded(ILogger logger, int receiveMaximum);

    [LoggerMessage(MqttEventId.IngestErrorRecorded, LogLevel.Information, "{Type} on {Topic}: {Detail}")]
    public static partial void IngestErrorRecorded(ILogger logger, string type, string topic, string detail);

    [LoggerMessage(MqttEventId.IngestErrorNotRecorded, LogLevel.Warning, "A {Type} error could not be written to mqtt_errors")]
    public static partial void IngestErrorNotRecorded(ILogger logger, Exception exception, string type);

    [LoggerMessage(MqttEventId.ReadingsStored, LogLevel.Trace, "{Count} reading(s) of greenhouse {Greenhouse}, bed {Bed} stored at {Stamp:O}")]
    public static partial void ReadingsStored(ILogger logger, int count, int greenhouse, int bed, DateTimeOffset stamp);

    [LoggerMessage(MqttEventId.ReadingsNotStored, LogLevel.Error, "Readings of {Topic} could not be committed; the message will be delivered again")]
    public static partial void ReadingsNotStored(ILogger logger, Exception exception, string topic);

    [LoggerMessage(MqttEventId.UnexpectedError, LogLevel.Error, "Unexpected error handling a message on {Topic}; recorded and acknowledged")]
    public static partial void UnexpectedError(ILogger logger, Exception exception, string topic);

    [LoggerMessage(MqttEventId.RedeliveryRestamped, LogLevel.Debug,
        "Redelivery of {Topic} (packet {PacketId}) keeps its first stamp {Stamp:O}: its readings overwrite, never duplicate")]
    public static partial void RedeliveryRestamped(ILogger logger, string topic, int packetId, DateTimeOffset stamp);

    [LoggerMessage(MqttEventId.ControllerAnnounced, LogLevel.Information, "Controller {Mac} at {Ip}: online {Online}")]
    public static partial void ControllerAnnounced(ILogger logger, string mac, string ip, bool online);

    [LoggerMessage(MqttEventId.ControllerOffline, LogLevel.Information, "Controller {Mac} offline (Last Will)")]
    public static partial void ControllerOffline(ILogger logger, string mac);

    [LoggerMessage(MqttEventId.DatabaseUnavailable, LogLevel.Warning, "Database unavailable for {What}; messages wait unacknowledged and are retried")]
    public static partial void DatabaseUnavailable(ILogger logger, Exception exception, string what);

    [LoggerMessage(MqttEventId.DatabaseBack, LogLevel.Information, "Database available again for {What}")]
    public static partial void DatabaseBack(ILogger logger, string what);

    [LoggerMessage(MqttEventId.BedRegistered, LogLevel.Information, "{Requester} registered greenhouse {Greenhouse}, bed {Bed}")]
    public static partial void BedRegistered(ILogger logger, string requester, int greenhouse, int bed);
}
