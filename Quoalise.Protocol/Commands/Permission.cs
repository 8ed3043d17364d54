namespace Quoalise.Protocol.Commands;

/// <summary>
/// What a requester must hold to run a command. Ordered: each level includes the ones below it.
/// Every command declares one; the registry refuses a command without.
/// </summary>
public enum Permission
{
    /// <summary>Read data the requester has been granted (get_history, subscribe, listings).</summary>
    Read = 1,

    /// <summary>Act on devices (start or stop a charge, reset a charge point).</summary>
    Operate = 2,

    /// <summary>Administer the component itself (grants, tags, ingest errors).</summary>
    Admin = 3,
}
