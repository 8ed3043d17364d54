namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>What to tell the broker about a message once it has been handled.</summary>
internal enum IngestOutcome
{
    /// <summary>Done (stored, or refused with its error recorded): send the PUBACK.</summary>
    Acknowledge,

    /// <summary>Not stored: withhold the PUBACK and drop the connection, so the broker delivers it again.</summary>
    Redeliver,
}
