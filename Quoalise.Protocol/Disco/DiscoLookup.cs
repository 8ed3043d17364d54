using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Disco;

/// <summary>A node provider's answer: the value, or the error for this requester (e.g. forbidden).</summary>
public sealed record DiscoLookup<T>(T? Value, StanzaError? Error)
    where T : class
{
    public static DiscoLookup<T> Found(T value) => new(value, null);

    public static DiscoLookup<T> Refused(StanzaError error) => new(null, error);
}
