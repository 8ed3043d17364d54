namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>A row of <c>ocpp_charge_points</c>: registration, credentials and what the last BootNotification said.</summary>
internal sealed class ChargePointRow
{
    public string Id { get; init; } = string.Empty;

    /// <summary>0 (no authentication), 1 (Basic) or 2 (TLS + Basic).</summary>
    public long SecurityProfile { get; init; }

    /// <summary>PBKDF2 hash of the Basic-auth key (<see cref="Security.KeyHasher"/>); null for profile 0.</summary>
    public string? AuthKeyHash { get; init; }

    /// <summary>What BootNotification answers: Accepted, Pending or Rejected.</summary>
    public string RegistrationStatus { get; init; } = "Accepted";

    public long AutoRegistered { get; init; }

    /// <summary>What the last BootNotification was answered; Accepted lets a reconnection go on without a new boot.</summary>
    public string? BootStatus { get; init; }

    public string? OcppVersion { get; init; }

    public string? Vendor { get; init; }

    public string? Model { get; init; }

    public string? SerialNumber { get; init; }

    public string? FirmwareVersion { get; init; }

    public long? LastBootUs { get; init; }

    public long? LastHeartbeatUs { get; init; }

    public long? LastSeenUs { get; init; }
}
