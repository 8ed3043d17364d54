namespace Quoalise.Testing.Servers;

/// <summary>An external component (XEP-0114) declared in a test Prosody: its domain and shared secret. Immutable.</summary>
public sealed record ProsodyComponent(string Domain, string Secret);
