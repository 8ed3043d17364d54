namespace Quoalise.Protocol.Stream;

/// <summary>
/// A stream-level failure: a <c>&lt;stream:error/&gt;</c> the server sent (<see cref="FromPeer"/>), or one we
/// raise because the server's data broke the protocol. Either way the connection ends.
/// </summary>
public sealed class StreamErrorException : Exception
{
    public StreamErrorException(string condition, string? text, bool fromPeer)
        : base(text is null ? $"Stream error {condition}" : $"Stream error {condition}: {text}")
    {
        Condition = condition;
        Text = text;
        FromPeer = fromPeer;
    }

    /// <summary>A <see cref="StreamErrorCondition"/> value.</summary>
    public string Condition { get; }

    public string? Text { get; }

    public bool FromPeer { get; }

    /// <summary>A configuration mistake on our side or the server's: retrying soon will not help.</summary>
    public bool IsConfigurationError => Condition is StreamErrorCondition.NotAuthorized or StreamErrorCondition.HostUnknown;
}
