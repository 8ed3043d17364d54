namespace Quoalise.Protocol.Stream;

/// <summary>Where the component link stands; exposed to health checks.</summary>
public enum ComponentLinkState
{
    /// <summary>Not started, or between attempts after a network failure.</summary>
    Disconnected,

    Connecting,

    /// <summary>Handshake done: stanzas flow.</summary>
    Online,

    /// <summary>The server refused our domain or secret: a configuration error, retried slowly.</summary>
    Refused,

    Stopped,
}
