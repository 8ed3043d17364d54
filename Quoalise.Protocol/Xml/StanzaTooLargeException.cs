namespace Quoalise.Protocol.Xml;

/// <summary>A stanza is over a size cap: incoming past the hard limit (the link closes), or outgoing (never sent).</summary>
public sealed class StanzaTooLargeException : IOException
{
    public StanzaTooLargeException(string message)
        : base(message)
    {
    }
}
