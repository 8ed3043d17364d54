namespace Quoalise.Protocol.Stanzas;

/// <summary>RFC 6120 §8.2.3 iq types.</summary>
public enum IqType
{
    Get,
    Set,
    Result,
    Error,
}
