using System.Collections.Concurrent;
using Quoalise.Protocol.Commands;

namespace Quoalise.IntegrationTests.Support;

/// <summary>Keeps audit entries in memory for hosts started without storage.</summary>
internal sealed class RecordingAuditor : ICommandAuditor
{
    public ConcurrentQueue<CommandAuditEntry> Entries { get; } = new();

    public Task RecordAsync(CommandAuditEntry entry, CancellationToken cancellationToken)
    {
        Entries.Enqueue(entry);
        return Task.CompletedTask;
    }
}
