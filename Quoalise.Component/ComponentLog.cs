namespace Quoalise.Component;

/// <summary>Every log line of the host outside storage.</summary>
internal static partial class ComponentLog
{
    [LoggerMessage(ComponentEventId.InvalidSettingsChange, LogLevel.Error, "The changed {Section} settings are invalid and were ignored: {Failures}")]
    public static partial void InvalidSettingsChange(this ILogger logger, string section, string failures);

    [LoggerMessage(ComponentEventId.SeriesRegistered, LogLevel.Information, "Registered {Count} series declared by adapters")]
    public static partial void SeriesRegistered(this ILogger logger, int count);

    [LoggerMessage(ComponentEventId.PushBacklogFull, LogLevel.Warning,
        "Live pushes are {Backlog} points behind: {Dropped} points were not pushed (subscribers can fetch them with get_history)")]
    public static partial void PushBacklogFull(this ILogger logger, int backlog, long dropped);

    [LoggerMessage(ComponentEventId.PushFailed, LogLevel.Warning, "Could not push {Count} points of {Series} to {Subscriber}: {Reason}")]
    public static partial void PushFailed(this ILogger logger, int count, string series, string subscriber, string reason);

    [LoggerMessage(ComponentEventId.AuditWriteFailed, LogLevel.Error, "Could not write {Count} audit entries; retrying: {Reason}")]
    public static partial void AuditWriteFailed(this ILogger logger, int count, string reason);

    [LoggerMessage(ComponentEventId.AuditDropped, LogLevel.Error, "The audit queue is full: the entry of {Node} by {Requester} was not recorded")]
    public static partial void AuditDropped(this ILogger logger, string node, string requester);
}
