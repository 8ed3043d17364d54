namespace Quoalise.Protocol.Commands;

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

    /// <summary>
    /// True when outcomes carry a <see cref="ResultTable"/>: the last stage then offers a <c>format</c>
    /// choice between text lines (every Gajim) and an XEP-0004 table (Gajim 1.8.2 and later, programs).
    /// </summary>
    public bool ReturnsTable { get; init; }

    /// <summary>XEP-0068 FORM_TYPE of this command's forms: <c>urn:quoalise:0#&lt;node&gt;</c>.</summary>
    public string FormType => "urn:quoalise:0#" + Node;
}
