namespace Quoalise.Protocol.Quoalise;

/// <summary><c>&lt;device type="…"&gt;&lt;identifier authority="…" type="…" value="…"/&gt;&lt;/device&gt;</c>. Immutable.</summary>
public sealed record DeviceMeta(string Type, IReadOnlyList<DeviceIdentifier> Identifiers) : ExtensibleMeta;
