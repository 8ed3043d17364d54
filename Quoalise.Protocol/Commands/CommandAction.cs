namespace Quoalise.Protocol.Commands;

/// <summary>XEP-0050 §4.1 actions a requester may send.</summary>
internal enum CommandAction
{
    Execute,
    Cancel,
    Prev,
    Next,
    Complete,
}
