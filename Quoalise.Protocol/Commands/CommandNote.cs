namespace Quoalise.Protocol.Commands;

/// <summary>An XEP-0050 note: human text shown above a form or on the completed page.</summary>
public sealed record CommandNote(NoteType Type, string Text)
{
    public static CommandNote Info(string text) => new(NoteType.Info, text);

    public static CommandNote Warn(string text) => new(NoteType.Warn, text);
}
