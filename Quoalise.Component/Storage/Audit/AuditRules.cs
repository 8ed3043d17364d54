namespace Quoalise.Component.Storage.Audit;

/// <summary>The checks and encodings every audit trail applies, so the twin and the database agree.</summary>
internal static class AuditRules
{
    public static string Requester(AuditEntry entry)
    {
        var bare = entry.Requester.Bare.ToString();
        return bare.Length <= AuditEntry.MaxRequesterLength
            ? bare
            : throw new ArgumentException($"Requesters have at most {AuditEntry.MaxRequesterLength} characters.", nameof(entry));
    }

    public static void Check(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.Node, nameof(entry));
        if (entry.Node.Length > AuditEntry.MaxNodeLength)
        {
            throw new ArgumentException($"Command nodes have at most {AuditEntry.MaxNodeLength} characters.", nameof(entry));
        }

        Requester(entry);
    }

    public static string Name(AuditOutcome outcome) => outcome.ToString().ToLowerInvariant();

    public static AuditOutcome Parse(string outcome) => Enum.Parse<AuditOutcome>(outcome, ignoreCase: true);
}
