using Quoalise.Protocol.Forms;

namespace Quoalise.Protocol.Commands;

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
