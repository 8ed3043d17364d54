using Quoalise.Protocol.Stanzas;

namespace Quoalise.Adapters.Messaging;

/// <summary>A <c>&lt;message&gt;</c> to the component, without its XML. <see cref="From"/> is server-stamped.</summary>
public sealed record IncomingMessage(Jid From, Jid To, string Type, string? Body, string? Subject, string? Thread);
