namespace Quoalise.Testing.Servers;

/// <summary>An external component (XEP-0114) declared in a test XMPP server: its domain and shared secret. Immutable.</summary>
public sealed record XmppComponent(string Domain, string Secret);
