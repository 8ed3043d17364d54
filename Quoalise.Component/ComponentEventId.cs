namespace Quoalise.Component;

/// <summary>Log event ids of the host, in ranges per area (storage uses 3000–3099, adapters their own).</summary>
internal static class ComponentEventId
{
    // 2000–2099: hosting.
    public const int InvalidSettingsChange = 2000;
    public const int SeriesRegistered = 2001;

    // 2100–2199: live pushes.
    public const int PushBacklogFull = 2100;
    public const int PushFailed = 2101;

    // 2200–2299: the audit trail.
    public const int AuditWriteFailed = 2200;
    public const int AuditDropped = 2201;
}
