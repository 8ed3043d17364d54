using Quoalise.Protocol.Forms;

namespace Quoalise.Protocol.Commands;

/// <summary>
/// The handler of a command: runs once every stage's form has been accepted, with all their values.
/// It returns an outcome, success or failure, rather than throwing for a protocol "no".
/// </summary>
public delegate Task<CommandOutcome> CommandHandler(CommandRequest request, CancellationToken cancellationToken);

/// <summary>
/// An XEP-0050 command as an adapter declares it: node, human name, required permission, the forms it
/// asks for (zero or more stages) and its handler. No XML: the XEP-0050 layer turns this into stanzas.
/// Immutable, shared by every session of the command.
/// </summary>
public sealed record AdHocCommand
{
    /// <summary>The node clients address, e.g. <c>get_history</c>. Unique in the registry.</summary>
    public required string Node { get; init; }

    /// <summary>Shown verbatim in Gajim's command list.</summary>
    public required string Name { get; init; }

    public required Permission Permission { get; init; }

    /// <summary>
    /// The forms asked in order. None: the command completes on execute. One: execute → form with
    /// complete. Several: next/prev between them, complete on the last.
    /// </summary>
    public IReadOnlyList<CommandStage> Stages { get; init; } = [];

    public required CommandHandler Handler { get; init; }

    /// <summary>XEP-0068 FORM_TYPE of this command's forms: <c>urn:quoalise:0#&lt;node&gt;</c>.</summary>
    public string FormType => "urn:quoalise:0#" + Node;
}

/// <summary>
/// One form of a command. Its fields are built per request, so options can depend on the requester
/// (the series it may read) and on earlier stages' values.
/// </summary>
public sealed record CommandStage
{
    public required string Title { get; init; }

    public string? Instructions { get; init; }

    public required Func<CommandStageContext, CancellationToken, ValueTask<IReadOnlyList<FormField>>> BuildFields { get; init; }

    /// <summary>A stage whose fields do not depend on the requester.</summary>
    public static CommandStage Fixed(string title, IReadOnlyList<FormField> fields, string? instructions = null) =>
        new() { Title = title, Instructions = instructions, BuildFields = (_, _) => ValueTask.FromResult(fields) };
}
