using System.Text.Json;
using Quoalise.Adapters.Ocpp.Connections;

namespace Quoalise.Adapters.Ocpp.Messages;

/// <summary>
/// A CALL being handled: who sent it, what, when it arrived, and what is wrong with it. Problems found by
/// the schema check or by the handler are recorded once the call is answered.
/// </summary>
internal sealed class IncomingCall
{
    public IncomingCall(ChargePointConnection connection, string messageId, string action, JsonElement payload, DateTimeOffset receivedAt, IEnumerable<string> problems)
    {
        Connection = connection;
        MessageId = messageId;
        Action = action;
        Payload = payload;
        ReceivedAt = receivedAt;
        Problems = [.. problems];
    }

    public ChargePointConnection Connection { get; }

    public string ChargePointId => Connection.ChargePointId;

    public string MessageId { get; }

    public string Action { get; }

    public JsonElement Payload { get; }

    public DateTimeOffset ReceivedAt { get; }

    public long ReceivedUs => Storage.UnixMicros.From(ReceivedAt);

    public List<string> Problems { get; }
}
