using System.Text;

namespace Quoalise.Testing.Servers;

/// <summary>A message received by a <see cref="MosquittoSubscriber"/>. Immutable.</summary>
public sealed record MosquittoMessage(string Topic, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The payload decoded as UTF-8.</summary>
    public string Text => Encoding.UTF8.GetString(Payload.Span);
}
