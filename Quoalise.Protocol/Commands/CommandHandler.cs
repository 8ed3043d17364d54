namespace Quoalise.Protocol.Commands;

/// <summary>
/// The handler of a command: runs once every stage's form has been accepted, with all their values.
/// It returns an outcome, success or failure, rather than throwing for a protocol "no".
/// </summary>
public delegate Task<CommandOutcome> CommandHandler(CommandRequest request, CancellationToken cancellationToken);
