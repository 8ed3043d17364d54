namespace Quoalise.Protocol.Disco;

/// <summary>What a disco#info query on a node answers: at least one identity, and features.</summary>
public sealed record DiscoInfo(IReadOnlyList<DiscoIdentity> Identities, IReadOnlyList<string> Features);
