namespace Quoalise.Adapters.Ocpp.Rpc;

/// <summary>What reading one WebSocket message gave: a frame, or why it is not one.</summary>
/// <param name="Frame">The frame, when the message is one.</param>
/// <param name="Problem">Why not, in words fit for a CALLERROR description.</param>
/// <param name="MessageId">The message id, when it could be read even though the frame is broken; otherwise <c>-1</c> is answered.</param>
/// <param name="UnknownMessageType">The problem is an unknown MessageTypeId (1.6 ignores it, 2.0.1 answers MessageTypeNotSupported).</param>
/// <param name="IsAnswer">A broken CALLRESULT or CALLERROR: it is never answered (there is nothing to reply to).</param>
internal sealed record RpcParseResult(RpcFrame? Frame, string? Problem, string? MessageId, bool UnknownMessageType = false, bool IsAnswer = false)
{
    public static RpcParseResult Of(RpcFrame frame) => new(frame, null, frame.MessageId);

    public static RpcParseResult Broken(string problem, string? messageId = null) => new(null, problem, messageId);

    public static RpcParseResult BrokenAnswer(string problem, string messageId) => new(null, problem, messageId, IsAnswer: true);
}
