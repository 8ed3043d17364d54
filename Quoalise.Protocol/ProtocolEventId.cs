namespace Quoalise.Protocol;

/// <summary>Log event ids of the protocol library, in ranges per area.</summary>
internal static class ProtocolEventId
{
    // 1000–1099: the XEP-0114 link.
    public const int LinkConnecting = 1000;
    public const int LinkOnline = 1001;
    public const int LinkLost = 1002;
    public const int LinkConfigurationError = 1003;
    public const int LinkRetrying = 1004;
    public const int LinkKeepAliveFailed = 1005;
    public const int LinkClosed = 1006;
    public const int LinkProtocolViolation = 1007;

    // 1100–1199: routing.
    public const int StanzaReceived = 1100;
    public const int StanzaSent = 1101;
    public const int StanzaDropped = 1102;
    public const int HandlerFailed = 1103;
    public const int ReplyTooLarge = 1104;
    public const int StanzaSkipped = 1105;
    public const int RateLimited = 1106;

    // 1200–1299: ad-hoc commands.
    public const int CommandCompleted = 1200;
    public const int CommandFailed = 1201;
    public const int AuditFailed = 1202;
}
