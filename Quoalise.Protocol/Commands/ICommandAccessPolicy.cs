using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Commands;

/// <summary>Decides whether a requester holds a permission. Thread-safe.</summary>
public interface ICommandAccessPolicy
{
    /// <param name="requester">The bare JID the server stamped on the request; never a value taken from a payload.</param>
    /// <param name="permission">What the command requires.</param>
    bool Allows(Jid requester, Permission permission);
}
