namespace Quoalise.Protocol.Stanzas;

/// <summary>RFC 6120 §8.3.2: what the sender should do about an error.</summary>
public enum StanzaErrorType
{
    /// <summary>Retry after providing credentials or gaining a right.</summary>
    Auth,

    /// <summary>Do not retry: the error cannot be remedied.</summary>
    Cancel,

    /// <summary>A warning; proceed.</summary>
    Continue,

    /// <summary>Retry after changing the data sent.</summary>
    Modify,

    /// <summary>Retry after waiting: the error is temporary.</summary>
    Wait,
}
