namespace Quoalise.Protocol.Stream;

/// <summary>The attributes of the server's stream header that matter to a component.</summary>
/// <param name="Id">The stream id the handshake digest is computed over (XEP-0114 §3).</param>
/// <param name="From">The domain the server answered as.</param>
/// <param name="Version">Sent by servers that refuse the stream; ignored otherwise.</param>
/// <param name="To">The domain the peer asked for (what a server reads from a component's header).</param>
public sealed record StreamHeader(string? Id, string? From, string? Version, string? To);
