namespace Quoalise.Testing.Servers;

/// <summary>Prosody's <c>component_conflict_resolve</c>: what happens when a second connection claims a connected domain.</summary>
public enum ComponentConflictResolution
{
    /// <summary>Prosody's default: the new connection gets a <c>conflict</c> stream error.</summary>
    KickNew,

    /// <summary>The old connection gets the <c>conflict</c> stream error; the new one takes over at once.</summary>
    KickOld,
}
