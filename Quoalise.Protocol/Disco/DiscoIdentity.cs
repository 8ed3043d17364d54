namespace Quoalise.Protocol.Disco;

/// <summary>An XEP-0030 identity, e.g. <c>component/generic</c> for us, <c>automation/command-node</c> for a command.</summary>
public sealed record DiscoIdentity(string Category, string Type, string Name);
