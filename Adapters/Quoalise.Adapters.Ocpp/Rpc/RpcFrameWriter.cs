using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quoalise.Adapters.Ocpp.Rpc;

/// <summary>Writes OCPP-J frames as compact UTF-8 JSON. Stateless and thread-safe.</summary>
internal static class RpcFrameWriter
{
    public static byte[] Call(string messageId, string action, JsonObject payload) =>
        Write(w =>
        {
            w.WriteNumberValue((int)MessageTypeId.Call);
            w.WriteStringValue(messageId);
            w.WriteStringValue(action);
            payload.WriteTo(w);
        });

    public static byte[] CallResult(string messageId, JsonObject payload) =>
        Write(w =>
        {
            w.WriteNumberValue((int)MessageTypeId.CallResult);
            w.WriteStringValue(messageId);
            payload.WriteTo(w);
        });

    /// <summary>errorDetails is always <c>{}</c>: OCPP-J requires the element, and we put nothing in it.</summary>
    public static byte[] CallError(string messageId, OcppError error) =>
        Write(w =>
        {
            w.WriteNumberValue((int)MessageTypeId.CallError);
            w.WriteStringValue(messageId);
            w.WriteStringValue(error.Code);
            w.WriteStringValue(error.Description);
            w.WriteStartObject();
            w.WriteEndObject();
        });

    private static byte[] Write(Action<Utf8JsonWriter> elements)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            elements(writer);
            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
