using Quoalise.Protocol.Stanzas;

namespace Quoalise.Adapters.Messaging;

/// <summary>A <c>&lt;presence&gt;</c> to the component. <see cref="Type"/> is empty for available.</summary>
public sealed record IncomingPresence(Jid From, Jid To, string Type, string? Show, string? Status);
