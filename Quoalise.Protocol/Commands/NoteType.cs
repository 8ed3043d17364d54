namespace Quoalise.Protocol.Commands;

/// <summary>XEP-0050 §4.3 note severities.</summary>
public enum NoteType
{
    Info,
    Warn,
    Error,
}
