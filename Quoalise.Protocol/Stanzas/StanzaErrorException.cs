namespace Quoalise.Protocol.Stanzas;

/// <summary>
/// Ends the handling of a request with a stanza error. Used inside a handler to leave deep parsing
/// code at once; handlers still return <see cref="Routing.IqResponse"/> at their boundary.
/// </summary>
public sealed class StanzaErrorException : Exception
{
    public StanzaErrorException(StanzaError error)
        : base(error.ToString())
    {
        Error = error;
    }

    public StanzaError Error { get; }
}
