using System.Text.Json;

namespace Quoalise.Adapters.Ocpp.Rpc;

/// <summary>
/// One OCPP-J message, parsed. Payloads stay <see cref="JsonElement"/>s over the frame's own buffer
/// (owned by the frame's <see cref="JsonDocument"/>, disposed by whoever handled it). Examples:
/// <c>[2,"19223201","BootNotification",{"chargePointVendor":"VendorX","chargePointModel":"SingleSocketCharger"}]</c>,
/// <c>[3,"19223201",{"status":"Accepted","currentTime":"2013-02-01T20:53:32.486Z","interval":300}]</c>,
/// <c>[4,"19223201","NotImplemented","",{}]</c>.
/// </summary>
internal abstract record RpcFrame(string MessageId);

/// <summary>A request: <c>[2, id, action, payload]</c>. A <c>null</c> payload reads as <c>{}</c>.</summary>
internal sealed record CallFrame(string MessageId, string Action, JsonElement Payload) : RpcFrame(MessageId);

/// <summary>An answer: <c>[3, id, payload]</c>.</summary>
internal sealed record CallResultFrame(string MessageId, JsonElement Payload) : RpcFrame(MessageId);

/// <summary>A refusal: <c>[4, id, code, description, details]</c>.</summary>
internal sealed record CallErrorFrame(string MessageId, string ErrorCode, string Description) : RpcFrame(MessageId);
