namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>
/// An entry of the authorisation list (<c>ocpp_id_tags</c>). <see cref="Status"/> is what the operator set
/// (Accepted, Expired or Invalid; Blocked in entries written before blocking became the flag's alone);
/// <see cref="Blocked"/> blocks the tag whatever its status, and unblocking gives the status back.
/// </summary>
internal sealed class IdTagRow
{
    public string IdTag { get; init; } = string.Empty;

    public string Status { get; init; } = "Accepted";

    public long? ExpiryUs { get; init; }

    public string? ParentIdTag { get; init; }

    public long Blocked { get; init; }

    public string? Note { get; init; }
}
