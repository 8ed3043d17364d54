namespace Quoalise.Adapters.Ocpp.Authorization;

/// <summary>
/// The answer about one id tag, as 1.6 idTagInfo and 2.0.1 idTokenInfo carry it.
/// </summary>
/// <param name="Status">Accepted, Blocked, Expired, Invalid or ConcurrentTx.</param>
/// <param name="Expiry">Until when the charge point may cache the answer.</param>
/// <param name="ParentIdTag">The group the tag belongs to (2.0.1 groupIdToken).</param>
internal sealed record IdTagDecision(string Status, DateTimeOffset? Expiry, string? ParentIdTag)
{
    public const string Accepted = "Accepted";
    public const string Blocked = "Blocked";
    public const string Expired = "Expired";
    public const string Invalid = "Invalid";
    public const string ConcurrentTx = "ConcurrentTx";

    /// <summary>The statuses an operator gives a listed tag; blocking is a flag of its own (block, unblock).</summary>
    public static IReadOnlyList<string> ListStatuses { get; } = [Accepted, Expired, Invalid];

    public bool IsAccepted => Status == Accepted;
}
