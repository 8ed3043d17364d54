namespace Quoalise.Adapters.Ocpp.Configuration;

/// <summary>
/// The <c>Ocpp</c> configuration section (docs/ocpp.md, "Settings"). Bound once at start-up and checked by
/// <see cref="OcppOptionsValidator"/>; the listen address itself is ASP.NET Core's <c>Urls</c>.
/// </summary>
internal sealed class OcppOptions
{
    public const string Section = "Ocpp";

    /// <summary>Where charge points connect: <c>{Path}/{chargePointId}</c>.</summary>
    public string Path { get; set; } = "/ocpp";

    /// <summary>Unknown charge points are registered on first connection instead of getting 404.</summary>
    public bool AutoRegister { get; set; }

    /// <summary>What BootNotification answers an auto-registered charge point until an admin changes it: Accepted, Pending or Rejected.</summary>
    public string AutoRegisterStatus { get; set; } = "Pending";

    /// <summary>An id tag that is not in the list is Accepted instead of Invalid.</summary>
    public bool OpenAccess { get; set; }

    /// <summary>The heartbeat interval BootNotification gives an Accepted charge point.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The interval BootNotification gives a Pending or Rejected charge point: when to boot again.</summary>
    public TimeSpan BootRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>WebSocket pings from the server; a socket that does not answer within <see cref="WebSocketPongTimeout"/> is closed.</summary>
    public TimeSpan WebSocketPingInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan WebSocketPongTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an operator's command waits for the charge point's answer.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls waiting behind the one outstanding call of a connection; more are refused.</summary>
    public int MaxQueuedCalls { get; set; } = 16;

    /// <summary>Largest WebSocket message accepted; a bigger one closes the connection with 1009.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Sustained messages per second per connection; faster senders are slowed down (reading pauses), never dropped.</summary>
    public double MessagesPerSecond { get; set; } = 20;

    /// <summary>Messages a connection may send at once, e.g. its offline queue after a reconnection.</summary>
    public int MessageBurst { get; set; } = 200;

    /// <summary>Expiry given with an Accepted id tag that has none, bounding the charge point's authorisation cache.</summary>
    public TimeSpan IdTagCacheExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Vendor ids whose DataTransfer messages are Accepted (and recorded); others get UnknownVendorId (and are recorded).</summary>
    public List<string> DataTransferVendors { get; set; } = [];

    /// <summary>
    /// Reverse proxies (addresses or networks) whose X-Forwarded-Proto and X-Forwarded-For are believed: a
    /// connection from one of them that says https counts as TLS for security profile 2. Empty: none is.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}
