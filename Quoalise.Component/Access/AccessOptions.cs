namespace Quoalise.Component.Access;

/// <summary>
/// The <c>Access</c> configuration section: who may do what. Decisions are made on the bare JID the
/// XMPP server stamps on each request, never on anything inside a payload.
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>Bare JIDs with every right on every series, e.g. <c>Access__Admins__0=alice@example.org</c>.</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>Further rights, by JID or domain pattern.</summary>
    public List<GrantOptions> Grants { get; set; } = [];

    /// <summary>Command executions per requester.</summary>
    public RateLimitSettings Commands { get; set; } = new() { PermitsPerMinute = 60, Burst = 20 };

    /// <summary>Any request (disco, ping, commands…) per requester.</summary>
    public RateLimitSettings Requests { get; set; } = new() { PermitsPerMinute = 600, Burst = 100 };
}
