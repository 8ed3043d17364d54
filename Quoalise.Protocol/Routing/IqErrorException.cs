using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Routing;

/// <summary>A request we sent was answered with an iq error.</summary>
public sealed class IqErrorException : Exception
{
    public IqErrorException(StanzaError error)
        : base($"The request was answered with {error}.")
    {
        Error = error;
    }

    public StanzaError Error { get; }
}
