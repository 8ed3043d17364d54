using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Commands;

/// <summary>
/// One interactive run of a command by one requester (full JID): the stage it is at, the fields that
/// stage showed, and the values each passed stage accepted. Requests on one session are serialised
/// through <see cref="Lock"/>; the store owns its lifetime.
/// </summary>
internal sealed class AdHocSession
{
    private readonly List<FormValues> _accepted = [];

    public AdHocSession(string id, Jid requester, AdHocCommand command, string language, DateTimeOffset now)
    {
        Id = id;
        Requester = requester;
        Command = command;
        Language = language;
        LastUsed = now;
    }

    public string Id { get; }

    public Jid Requester { get; }

    public AdHocCommand Command { get; }

    /// <summary>Pinned at the first stage (XEP-0050 §3.7).</summary>
    public string Language { get; }

    public DateTimeOffset LastUsed { get; set; }

    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>Index of the stage whose form the requester is looking at.</summary>
    public int Stage => _accepted.Count;

    /// <summary>The fields of the current stage, as last sent: what a submission is validated against.</summary>
    public IReadOnlyList<FormField> CurrentFields { get; set; } = [];

    /// <summary>Names of the text-private fields shown so far: never written to the audit trail.</summary>
    public HashSet<string> PrivateFields { get; } = new(StringComparer.Ordinal);

    public bool IsLastStage => Stage == Command.Stages.Count - 1;

    /// <summary>Values of every accepted stage, later stages overriding earlier ones.</summary>
    public FormValues AcceptedValues() => FormValues.Merge(_accepted);

    /// <summary>What stage <paramref name="stage"/> accepted, to refill its form after prev.</summary>
    public FormValues AcceptedAt(int stage) => _accepted[stage];

    public void Accept(FormValues values) => _accepted.Add(values);

    /// <summary>Back to the previous stage; its accepted values are kept to refill its form.</summary>
    public FormValues GoBack()
    {
        var previous = _accepted[^1];
        _accepted.RemoveAt(_accepted.Count - 1);
        return previous;
    }
}
