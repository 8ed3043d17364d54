namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>
/// An update of an authorisation list entry: a null value leaves its field as it is, a <c>Clear…</c> flag
/// empties it. The blocked flag is not here: block and unblock change it alone.
/// </summary>
internal sealed record IdTagChange(
    string IdTag,
    string? Status,
    long? ExpiryUs,
    bool ClearExpiry,
    string? ParentIdTag,
    bool ClearParent,
    string? Note,
    bool ClearNote);
