namespace Quoalise.Protocol.Commands;

/// <summary>Records every completed or failed command execution. Thread-safe.</summary>
public interface ICommandAuditor
{
    Task RecordAsync(CommandAuditEntry entry, CancellationToken cancellationToken);
}
