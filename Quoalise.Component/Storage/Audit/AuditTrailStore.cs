using System.Text.Json;
using Dapper;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Storage.Audit;

/// <summary><see cref="IAuditTrail"/> over <c>core_audit</c>; identifiers are kept as a JSON array. Thread-safe.</summary>
internal sealed class AuditTrailStore(Database database) : IAuditTrail
{
    private const string Insert =
        "INSERT INTO core_audit (requester, node, identifiers, time_us, outcome, error_text) " +
        "VALUES (@requester, @node, @identifiers, @time_us, @outcome, @error_text)";

    // Null filters match everything; operators' searches are rare, small (LIMIT) and time-ordered by an index.
    private const string Search =
        "SELECT requester AS Requester, node AS Node, identifiers AS Identifiers, time_us AS TimeUs, outcome AS Outcome, error_text AS ErrorText " +
        "FROM core_audit " +
        "WHERE (@requester IS NULL OR requester = @requester) AND (@node IS NULL OR node = @node) " +
        "AND (@outcome IS NULL OR outcome = @outcome) " +
        "AND (@since_us IS NULL OR time_us >= @since_us) AND (@until_us IS NULL OR time_us < @until_us) " +
        "ORDER BY time_us DESC, id DESC";

    private readonly string _search = $"{Search} {database.Dialect.Limit("@limit")}";

    public async Task RecordAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            AuditRules.Check(entry);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            Insert,
            entries.Select(entry => new
            {
                requester = AuditRules.Requester(entry),
                node = entry.Node,
                identifiers = JsonSerializer.Serialize(entry.Identifiers, StorageJsonContext.Default.IReadOnlyListString),
                time_us = UnixMicroseconds.From(entry.Time),
                outcome = AuditRules.Name(entry.Outcome),
                error_text = entry.Error,
            }),
            transaction,
            commandTimeout: database.CommandTimeoutSeconds,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            _search,
            new
            {
                requester = query.Requester?.Bare.ToString(),
                node = query.Node,
                outcome = query.Outcome is { } o ? AuditRules.Name(o) : null,
                since_us = query.Since is { } since ? UnixMicroseconds.From(since) : (long?)null,
                until_us = query.Until is { } until ? UnixMicroseconds.From(until) : (long?)null,
                limit,
            },
            commandTimeout: database.CommandTimeoutSeconds,
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToEntry())];
    }

    private sealed class AuditRow
    {
        public string Requester { get; init; } = string.Empty;

        public string Node { get; init; } = string.Empty;

        public string Identifiers { get; init; } = "[]";

        public long TimeUs { get; init; }

        public string Outcome { get; init; } = string.Empty;

        public string? ErrorText { get; init; }

        public AuditEntry ToEntry() => new(
            Jid.Parse(Requester),
            Node,
            JsonSerializer.Deserialize(Identifiers, StorageJsonContext.Default.IReadOnlyListString) ?? [],
            UnixMicroseconds.ToTime(TimeUs),
            AuditRules.Parse(Outcome),
            ErrorText);
    }
}
