namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>The greenhouse bridge's ten error types, stored by name in <c>mqtt_errors.type</c> (docs/mqtt.md).</summary>
internal static class IngestErrorType
{
    /// <summary>The greenhouse or bed of the topic is not registered.</summary>
    public const string BedNotFound = "BAC_NOT_FOUND";

    /// <summary>A JSON key that is not in the sensor catalogue.</summary>
    public const string UnknownSensor = "UNKNOWN_SENSOR";

    /// <summary>Not JSON, not an object, a missing field, or too large.</summary>
    public const string InvalidPayload = "INVALID_PAYLOAD";

    /// <summary>A value that is not a number, or a field of the wrong type.</summary>
    public const string InvalidValue = "INVALID_VALUE";

    /// <summary>A value outside the sensor's range: clamped to min or max and stored.</summary>
    public const string ValueOutOfRange = "VALUE_OUT_OF_RANGE";

    /// <summary>The payload is not UTF-8.</summary>
    public const string InvalidEncoding = "INVALID_ENCODING";

    /// <summary>The broker connection was lost (external), or a device vanished without DISCONNECT (embedded).</summary>
    public const string MqttDisconnect = "MQTT_DISCONNECT";

    /// <summary>A transient database failure; the message waits and is retried.</summary>
    public const string DatabaseError = "DB_ERROR";

    /// <summary>The readings could not be committed; the message is not acknowledged, so the broker delivers it again.</summary>
    public const string DatabaseInsertError = "DB_INSERT_ERROR";

    /// <summary>Anything else: a bug. The message is acknowledged so it cannot block the stream; its excerpt is kept.</summary>
    public const string Unexpected = "UNEXPECTED_ERROR";

    public static IReadOnlyList<string> All { get; } =
    [
        BedNotFound, UnknownSensor, InvalidPayload, InvalidValue, ValueOutOfRange,
        InvalidEncoding, MqttDisconnect, DatabaseError, DatabaseInsertError, Unexpected,
    ];
}
