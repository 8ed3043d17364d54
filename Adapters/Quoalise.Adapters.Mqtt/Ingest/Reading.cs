namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>One accepted value of a readings payload, already clamped to its sensor's range.</summary>
internal readonly record struct Reading(Sensor Sensor, double Value);
