using Quoalise.Protocol.Quoalise;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Adapters.Messaging;

/// <summary>
/// Sends messages from the component without exposing XML. Sending waits while the link is down
/// (bounded; see docs/architecture.md, "Outbound policy"). Thread-safe.
/// </summary>
public interface IMessageSender
{
    /// <summary>A chat message with a body, e.g. a notification to a peer application.</summary>
    Task SendTextAsync(Jid to, string body, CancellationToken cancellationToken);

    /// <summary>
    /// A message carrying a <c>&lt;quoalise&gt;</c> payload, as subscription pushes are sent. The body is
    /// for people reading in a chat client; programs read the payload.
    /// </summary>
    Task SendDataAsync(Jid to, IReadOnlyList<QuoaliseData> data, string? body, CancellationToken cancellationToken);
}
