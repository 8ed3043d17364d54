namespace Quoalise.Adapters.Ocpp.Connections;

/// <summary>The per-connection limits, from <c>Ocpp</c> options. Immutable.</summary>
internal sealed record ConnectionSettings(int MaxMessageBytes, double MessagesPerSecond, int MessageBurst, TimeSpan CallTimeout, int MaxQueuedCalls);
