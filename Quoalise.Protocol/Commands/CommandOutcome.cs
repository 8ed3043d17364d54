using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Protocol.Commands;

/// <summary>
/// What a command handler returns: a success (result fields a person can read, notes, an optional
/// table and Quoalise data) or a failure. A protocol "no" is a result, not an exception. Immutable.
/// </summary>
public sealed record CommandOutcome
{
    /// <summary>Set when the command failed; everything else is then ignored.</summary>
    public CommandError? Error { get; private init; }

    /// <summary>Title of the result form. Gajim needs one.</summary>
    public string Title { get; private init; } = string.Empty;

    /// <summary>
    /// Result fields for people, shown read-only by Gajim: fixed (one line) or text-multi (several).
    /// A fixed field <c>result</c> = <c>Success</c> is added first, as every existing Quoalise node does.
    /// </summary>
    public IReadOnlyList<FormField> Fields { get; private init; } = [];

    public IReadOnlyList<CommandNote> Notes { get; private init; } = [];

    /// <summary>Rows for listings. Rendered as text lines, or as an XEP-0004 table on request.</summary>
    public ResultTable? Table { get; private init; }

    /// <summary>Series data, written as one <c>&lt;quoalise&gt;</c> element after the result form.</summary>
    public IReadOnlyList<QuoaliseData> Data { get; private init; } = [];

    public bool IsSuccess => Error is null;

    public static CommandOutcome Success(
        string title,
        IReadOnlyList<FormField>? fields = null,
        IReadOnlyList<CommandNote>? notes = null,
        ResultTable? table = null,
        IReadOnlyList<QuoaliseData>? data = null) =>
        new() { Title = title, Fields = fields ?? [], Notes = notes ?? [], Table = table, Data = data ?? [] };

    public static CommandOutcome Failure(CommandError error) => new() { Error = error };

    public static CommandOutcome Failure(CommandErrorKind kind, string text) => Failure(new CommandError(kind, text));

    /// <summary>A submitted value is wrong: the form comes back with the note (interactive) or bad-request (one-shot).</summary>
    public static CommandOutcome InvalidField(string field, string text) =>
        Failure(new CommandError(CommandErrorKind.BadRequest, text, Field: field));
}
