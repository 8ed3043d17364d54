using Microsoft.Extensions.Options;
using Quoalise.Adapters.Ocpp.Configuration;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Authorization;

/// <summary>
/// Answers Authorize and transaction starts from the authorisation list (status, expiry, parent, blocked
/// flag), as SteVe does plus the parent: a blocked or expired parent blocks or expires its whole group.
/// An unlisted tag is Invalid, or Accepted under <c>Ocpp:OpenAccess</c>. Thread-safe.
/// </summary>
internal sealed class IdTagAuthorizer
{
    private readonly IdTagStore _tags;
    private readonly TransactionStore _transactions;
    private readonly OcppOptions _options;
    private readonly TimeProvider _time;

    public IdTagAuthorizer(IdTagStore tags, TransactionStore transactions, IOptions<OcppOptions> options, TimeProvider time)
    {
        _tags = tags;
        _transactions = transactions;
        _options = options.Value;
        _time = time;
    }

    /// <param name="idTag">The tag presented.</param>
    /// <param name="startingTransactionId">For a transaction start: its id, so that other running transactions with the tag make it ConcurrentTx.</param>
    public async Task<IdTagDecision> AuthorizeAsync(string idTag, long? startingTransactionId, CancellationToken cancellationToken)
    {
        // A tag the list cannot hold is not listed: not looked up, since PostgreSQL refuses NUL even in a query.
        var tag = idTag.Length <= ColumnWidths.IdTag && !idTag.Contains('\0', StringComparison.Ordinal) ? await _tags.FindAsync(idTag, cancellationToken) : null;
        var parent = tag?.ParentIdTag is { } parentId ? await _tags.FindAsync(parentId, cancellationToken) : null;
        var decision = Decide(tag, parent, _time.GetUtcNow(), _options.OpenAccess, _options.IdTagCacheExpiry);
        if (decision.IsAccepted && tag is not null && startingTransactionId is { } id
            && await _transactions.CountActiveWithTagAsync(idTag, id, cancellationToken) > 0)
        {
            return decision with { Status = IdTagDecision.ConcurrentTx };
        }

        return decision;
    }

    /// <summary>The decision from the list alone (no running transactions considered).</summary>
    public static IdTagDecision Decide(IdTagRow? tag, IdTagRow? parent, DateTimeOffset now, bool openAccess, TimeSpan cacheExpiry)
    {
        if (tag is null)
        {
            return openAccess ? new IdTagDecision(IdTagDecision.Accepted, now + cacheExpiry, null) : new IdTagDecision(IdTagDecision.Invalid, null, null);
        }

        var expiry = tag.ExpiryUs is { } own ? UnixMicros.ToTime(own) : (DateTimeOffset?)null;
        if (parent?.ExpiryUs is { } parentExpiry && (expiry is null || UnixMicros.ToTime(parentExpiry) < expiry))
        {
            expiry = UnixMicros.ToTime(parentExpiry);
        }

        var status = tag switch
        {
            { Blocked: not 0 } => IdTagDecision.Blocked,
            _ when parent is { Blocked: not 0 } || parent?.Status == IdTagDecision.Blocked => IdTagDecision.Blocked,
            { Status: not IdTagDecision.Accepted } => tag.Status,
            _ when expiry <= now => IdTagDecision.Expired,
            _ when parent is { Status: not IdTagDecision.Accepted } => parent.Status,
            _ => IdTagDecision.Accepted,
        };
        return new IdTagDecision(
            status,
            status == IdTagDecision.Accepted ? Min(expiry, now + cacheExpiry) : expiry,
            tag.ParentIdTag);
    }

    private static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;
}
