using Microsoft.Extensions.Logging;

namespace Quoalise.Protocol;

/// <summary>Every log line of the protocol library. Raw stanzas are logged at Trace only.</summary>
internal static partial class LogMessages
{
    [LoggerMessage(ProtocolEventId.LinkConnecting, LogLevel.Information, "Connecting to {Host}:{Port} as component {Domain}")]
    public static partial void LinkConnecting(this ILogger logger, string host, int port, string domain);

    [LoggerMessage(ProtocolEventId.LinkOnline, LogLevel.Information, "Component {Domain} is online (stream {StreamId})")]
    public static partial void LinkOnline(this ILogger logger, string domain, string streamId);

    [LoggerMessage(ProtocolEventId.LinkLost, LogLevel.Warning, "Component link lost: {Reason}")]
    public static partial void LinkLost(this ILogger logger, string reason, Exception? exception);

    [LoggerMessage(ProtocolEventId.LinkConfigurationError, LogLevel.Error,
        "The XMPP server refused the component ({Condition}: {Text}). Check {Setting}; retrying in {Delay}")]
    public static partial void LinkConfigurationError(this ILogger logger, string condition, string text, string setting, TimeSpan delay);

    [LoggerMessage(ProtocolEventId.LinkRetrying, LogLevel.Information, "Reconnecting in {Delay} (attempt {Attempt})")]
    public static partial void LinkRetrying(this ILogger logger, TimeSpan delay, int attempt);

    [LoggerMessage(ProtocolEventId.LinkKeepAliveFailed, LogLevel.Warning, "The server {Server} did not answer a keepalive ping: the link is dead")]
    public static partial void LinkKeepAliveFailed(this ILogger logger, string server, Exception exception);

    [LoggerMessage(ProtocolEventId.LinkClosed, LogLevel.Information, "Component link closed")]
    public static partial void LinkClosed(this ILogger logger);

    [LoggerMessage(ProtocolEventId.LinkProtocolViolation, LogLevel.Warning, "The server broke the stream ({Condition}): {Text}")]
    public static partial void LinkProtocolViolation(this ILogger logger, string condition, string? text);

    [LoggerMessage(ProtocolEventId.StanzaReceived, LogLevel.Trace, "RECV {Stanza}")]
    public static partial void StanzaReceived(this ILogger logger, string stanza);

    [LoggerMessage(ProtocolEventId.StanzaSent, LogLevel.Trace, "SEND {Stanza}")]
    public static partial void StanzaSent(this ILogger logger, string stanza);

    [LoggerMessage(ProtocolEventId.StanzaDropped, LogLevel.Debug, "Dropped <{Kind}/> from {From}: {Reason}")]
    public static partial void StanzaDropped(this ILogger logger, string kind, string? from, string reason);

    [LoggerMessage(ProtocolEventId.HandlerFailed, LogLevel.Error, "Handler for {Route} failed on a request from {From}")]
    public static partial void HandlerFailed(this ILogger logger, string route, string from, Exception exception);

    [LoggerMessage(ProtocolEventId.ReplyTooLarge, LogLevel.Warning, "A reply to {From} was over the size cap and was replaced by an error: {Reason}")]
    public static partial void ReplyTooLarge(this ILogger logger, string from, string reason);

    [LoggerMessage(ProtocolEventId.StanzaSkipped, LogLevel.Warning, "Skipped an incoming <{Kind}/> from {From}: {Reason}")]
    public static partial void StanzaSkipped(this ILogger logger, string kind, string? from, string reason);

    [LoggerMessage(ProtocolEventId.RateLimited, LogLevel.Information, "Rate limit reached for {Jid}")]
    public static partial void RateLimited(this ILogger logger, string jid);

    [LoggerMessage(ProtocolEventId.CommandCompleted, LogLevel.Information, "Command {Node} by {Requester}: {Outcome}")]
    public static partial void CommandCompleted(this ILogger logger, string node, string requester, string outcome);

    [LoggerMessage(ProtocolEventId.CommandFailed, LogLevel.Error, "Command {Node} by {Requester} threw")]
    public static partial void CommandFailed(this ILogger logger, string node, string requester, Exception exception);

    [LoggerMessage(ProtocolEventId.AuditFailed, LogLevel.Error, "Command {Node} by {Requester} could not be written to the audit trail")]
    public static partial void AuditFailed(this ILogger logger, string node, string requester, Exception exception);
}
