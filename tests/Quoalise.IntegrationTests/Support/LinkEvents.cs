namespace Quoalise.IntegrationTests.Support;

/// <summary>Event ids of the protocol library's link log lines (Quoalise.Protocol/ProtocolEventId.cs).</summary>
internal static class LinkEvents
{
    public const int Online = 1001;
    public const int Lost = 1002;
    public const int ConfigurationError = 1003;
}
