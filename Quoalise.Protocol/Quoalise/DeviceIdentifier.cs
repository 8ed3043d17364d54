namespace Quoalise.Protocol.Quoalise;

/// <summary>One identifier of a device, e.g. authority <c>enedis</c>, type <c>prm</c>. Immutable.</summary>
public sealed record DeviceIdentifier(string Authority, string Type, string Value) : ExtensibleMeta;
