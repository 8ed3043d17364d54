namespace Quoalise.Protocol.Routing;

/// <summary>The component link is down, and did not come back within the outbound wait.</summary>
public sealed class LinkUnavailableException : IOException
{
    public LinkUnavailableException(string message)
        : base(message)
    {
    }
}
