using System.Text.Json;

namespace Quoalise.Adapters.Ocpp.Rpc;

/// <summary>
/// Parses OCPP-J frames with a real JSON parser (OCPP.Core's regex drops CALLERRORs and null payloads;
/// research §1.4). Never throws on bad input: it says what is wrong. Stateless and thread-safe.
/// </summary>
internal static class RpcFrameReader
{
    /// <summary>OCPP-J 1.6 §4.1.1: a message id is at most 36 characters.</summary>
    public const int MaxMessageIdLength = 36;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, CommentHandling = JsonCommentHandling.Disallow };

    /// <param name="message">One complete WebSocket text message, UTF-8.</param>
    /// <param name="document">The parsed document the frame's payload points into; the caller disposes it. Null when not JSON.</param>
    public static RpcParseResult Read(ReadOnlyMemory<byte> message, out JsonDocument? document)
    {
        try
        {
            document = JsonDocument.Parse(message, Options);
        }
        catch (JsonException)
        {
            document = null;
            return RpcParseResult.Broken("The message is not JSON.");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() < 3)
        {
            return RpcParseResult.Broken("An OCPP-J message is a JSON array [MessageTypeId, MessageId, …].");
        }

        var messageId = ReadMessageId(root[1], out var idProblem);
        if (root[0].ValueKind != JsonValueKind.Number || !root[0].TryGetInt32(out var type))
        {
            return RpcParseResult.Broken("The first element must be the MessageTypeId 2, 3 or 4.", messageId);
        }

        if (type is not ((int)MessageTypeId.Call or (int)MessageTypeId.CallResult or (int)MessageTypeId.CallError))
        {
            return new RpcParseResult(null, $"MessageTypeId {type} is not 2 (CALL), 3 (CALLRESULT) or 4 (CALLERROR).", messageId, UnknownMessageType: true);
        }

        if (messageId is null)
        {
            return RpcParseResult.Broken(idProblem!);
        }

        return (MessageTypeId)type switch
        {
            MessageTypeId.Call => ReadCall(root, messageId),
            MessageTypeId.CallResult => ReadCallResult(root, messageId),
            _ => ReadCallError(root, messageId),
        };
    }

    private static string? ReadMessageId(JsonElement element, out string? problem)
    {
        problem = null;
        if (element.ValueKind != JsonValueKind.String)
        {
            problem = "The MessageId must be a string.";
            return null;
        }

        var id = element.GetString()!;
        if (id.Length is 0 or > MaxMessageIdLength)
        {
            problem = $"The MessageId must be 1 to {MaxMessageIdLength} characters long.";
            return null;
        }

        return id;
    }

    private static RpcParseResult ReadCall(JsonElement root, string messageId)
    {
        if (root.GetArrayLength() != 4)
        {
            return RpcParseResult.Broken("A CALL has exactly 4 elements: [2, MessageId, Action, Payload].", messageId);
        }

        if (root[2].ValueKind != JsonValueKind.String || root[2].GetString() is not { Length: > 0 } action)
        {
            return RpcParseResult.Broken("The Action of a CALL must be a non-empty string.", messageId);
        }

        return Payload(root[3]) is { } payload
            ? RpcParseResult.Of(new CallFrame(messageId, action, payload))
            : RpcParseResult.Broken("The payload of a CALL must be a JSON object.", messageId);
    }

    private static RpcParseResult ReadCallResult(JsonElement root, string messageId)
    {
        if (root.GetArrayLength() != 3)
        {
            return RpcParseResult.BrokenAnswer("A CALLRESULT has exactly 3 elements: [3, MessageId, Payload].", messageId);
        }

        return Payload(root[2]) is { } payload
            ? RpcParseResult.Of(new CallResultFrame(messageId, payload))
            : RpcParseResult.BrokenAnswer("The payload of a CALLRESULT must be a JSON object.", messageId);
    }

    private static RpcParseResult ReadCallError(JsonElement root, string messageId)
    {
        var length = root.GetArrayLength();
        if (length is < 4 or > 5 || root[2].ValueKind != JsonValueKind.String || root[3].ValueKind != JsonValueKind.String)
        {
            return RpcParseResult.BrokenAnswer("A CALLERROR is [4, MessageId, ErrorCode, ErrorDescription, ErrorDetails].", messageId);
        }

        return RpcParseResult.Of(new CallErrorFrame(messageId, root[2].GetString()!, root[3].GetString()!));
    }

    // SteVe issue #1109: a null payload is taken as the empty object.
    private static JsonElement? Payload(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element,
        JsonValueKind.Null => EmptyObject,
        _ => null,
    };

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;
}
