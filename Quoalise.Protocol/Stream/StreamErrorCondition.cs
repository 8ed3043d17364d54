namespace Quoalise.Protocol.Stream;

/// <summary>RFC 6120 §4.9.3 stream error conditions we send or act upon.</summary>
public static class StreamErrorCondition
{
    /// <summary>Wrong handshake secret, or (ejabberd) an unconfigured component domain.</summary>
    public const string NotAuthorized = "not-authorized";

    /// <summary>The server has no component configured for our domain.</summary>
    public const string HostUnknown = "host-unknown";

    /// <summary>Another connection already serves our domain; usually an old session not yet timed out.</summary>
    public const string Conflict = "conflict";

    public const string InvalidFrom = "invalid-from";
    public const string InvalidNamespace = "invalid-namespace";
    public const string NotWellFormed = "not-well-formed";
    public const string PolicyViolation = "policy-violation";
    public const string RestrictedXml = "restricted-xml";
    public const string SystemShutdown = "system-shutdown";
    public const string ImproperAddressing = "improper-addressing";
    public const string ConnectionTimeout = "connection-timeout";
    public const string UndefinedCondition = "undefined-condition";
}
