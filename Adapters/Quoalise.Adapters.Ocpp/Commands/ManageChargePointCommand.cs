using System.Globalization;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Quoalise.Adapters.Ocpp.Configuration;
using Quoalise.Adapters.Ocpp.Connections;
using Quoalise.Adapters.Ocpp.Security;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary>
/// <c>manage_charge_point</c> (admin): registers a charge point (id, security profile, Basic-auth key kept
/// only as a PBKDF2 hash, registration status BootNotification answers), changes it, or deletes it (closing
/// its connection).
/// </summary>
internal sealed class ManageChargePointCommand
{
    public const string Node = "manage_charge_point";

    /// <summary>1.6 AuthorizationKey is 16–20 bytes (up to 40 hex digits); 2.0.1 BasicAuthPassword 16–40 characters.</summary>
    public const int MinKeyLength = 16;
    public const int MaxKeyLength = 40;

    private readonly ChargePointStore _chargePoints;
    private readonly ConnectionRegistry _connections;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ManageChargePointCommand(ChargePointStore chargePoints, ConnectionRegistry connections, TimeProvider time, ILogger<ManageChargePointCommand> logger)
    {
        _chargePoints = chargePoints;
        _connections = connections;
        _time = time;
        _logger = logger;
    }

    public AdHocCommand Build() => new()
    {
        Node = Node,
        Name = "Manage charge point",
        Permission = Permission.Admin,
        Stages =
        [
            CommandStage.Fixed(
                "Charge point",
                [
                    FormField.TextSingle(ChargePointChoices.ChargePointVar, $"Charge point id (1 to {ChargePointIdentity.MaxLength} characters, no ':')", required: true),
                    FormField.ListSingle("action", "Action", [new FormOption("add"), new FormOption("update"), new FormOption("delete")], required: true, value: "add"),
                    FormField.ListSingle(
                        "security_profile",
                        "Security profile (add: default 1)",
                        [new FormOption("0", "0: no authentication"), new FormOption("1", "1: HTTP Basic"), new FormOption("2", "2: TLS and HTTP Basic")]),
                    FormField.TextPrivate("authorization_key", $"Authorization key, {MinKeyLength} to {MaxKeyLength} characters (profiles 1 and 2)"),
                    FormField.ListSingle(
                        "registration_status",
                        "What BootNotification answers (add: default Accepted)",
                        [.. OcppOptionsValidator.RegistrationStatuses.Select(s => new FormOption(s))]),
                ]),
        ],
        Handler = HandleAsync,
    };

    private async Task<CommandOutcome> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var id = request.Values.GetRequiredString(ChargePointChoices.ChargePointVar);
        var action = request.Values.GetRequiredString("action");

        // Only a new id is checked: one registered under older rules can still be updated or deleted.
        if (action == "add" && ChargePointIdentity.Problem(id) is { } badId)
        {
            return CommandOutcome.InvalidField(ChargePointChoices.ChargePointVar, badId);
        }

        var key = request.Values.GetString("authorization_key");
        if (key is not null && key.Length is < MinKeyLength or > MaxKeyLength)
        {
            return CommandOutcome.InvalidField("authorization_key", $"The authorization key must be {MinKeyLength} to {MaxKeyLength} characters.");
        }

        if (action == "delete")
        {
            return await _chargePoints.DeleteAsync(id, cancellationToken)
                ? CommandOutcome.Success(
                    "Charge point",
                    [FormField.Fixed("charge_point", "Charge point", id), FormField.Fixed("state", "State", "deleted")],
                    notes: await DisconnectAsync(id, request) ? [CommandNote.Info("Its connection was closed.")] : [])
                : CommandOutcome.Failure(NotRegistered(id));
        }

        var existing = await _chargePoints.FindAsync(id, cancellationToken);
        var profile = request.Values.GetString("security_profile") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : (int?)null;
        var hash = key is null ? null : KeyHasher.Hash(key);
        var status = request.Values.GetString("registration_status");
        if (action == "add")
        {
            if (existing is not null)
            {
                return CommandOutcome.Failure(new CommandError(CommandErrorKind.Conflict, $"Charge point '{id}' is already registered: use update."));
            }

            profile ??= 1;
            if (KeyProblem(profile.Value, keyGiven: key is not null, keyKnown: key is not null) is { } badKey)
            {
                return CommandOutcome.InvalidField("authorization_key", badKey);
            }

            if (!await _chargePoints.AddAsync(id, profile.Value, hash, status ?? "Accepted", autoRegistered: false, UnixMicros.From(_time.GetUtcNow()), cancellationToken))
            {
                return CommandOutcome.Failure(new CommandError(CommandErrorKind.Conflict, $"Charge point '{id}' is already registered: use update."));
            }
        }
        else
        {
            if (existing is null)
            {
                return CommandOutcome.Failure(NotRegistered(id));
            }

            var newProfile = profile ?? (int)existing.SecurityProfile;
            if (KeyProblem(newProfile, keyGiven: key is not null, keyKnown: key is not null || existing.AuthKeyHash is not null) is { } badKey)
            {
                return CommandOutcome.InvalidField("authorization_key", badKey);
            }

            var newHash = hash ?? existing.AuthKeyHash;

            await _chargePoints.UpdateSettingsAsync(id, newProfile, newProfile == 0 ? null : newHash, status ?? existing.RegistrationStatus, cancellationToken);
        }

        var stored = (await _chargePoints.FindAsync(id, cancellationToken))!;
        return CommandOutcome.Success(
            "Charge point",
            [
                FormField.Fixed("charge_point", "Charge point", stored.Id),
                FormField.Fixed("security_profile", "Security profile", stored.SecurityProfile.ToString(CultureInfo.InvariantCulture)),
                FormField.Fixed("registration_status", "Registration status", stored.RegistrationStatus),
                FormField.Fixed("connected", "Connected", _connections.Find(id) is null ? "no" : "yes"),
            ],
            notes: [CommandNote.Info("Credentials and registration apply at the charge point's next connection and boot.")]);
    }

    // Profile 0 checks no key, so one given with it is a mistake, and is never stored.
    private static string? KeyProblem(int profile, bool keyGiven, bool keyKnown) => profile == 0
        ? keyGiven ? "Security profile 0 uses no authorization key: leave it empty, or choose profile 1 or 2." : null
        : keyKnown ? null : $"Security profile {profile} needs an authorization key.";

    // A deleted charge point must not go on storing data over the connection it opened while registered.
    private async Task<bool> DisconnectAsync(string id, CommandRequest request)
    {
        if (_connections.Find(id) is not { } connection)
        {
            return false;
        }

        OcppLog.DeletedWhileConnected(_logger, id, request.Requester.Bare.ToString());
        await connection.CloseAsync(WebSocketCloseStatus.PolicyViolation, "Charge point deleted by an administrator");
        return true;
    }

    private static CommandError NotRegistered(string id) =>
        new(CommandErrorKind.NotFound, $"Charge point '{id}' is not registered: use add.", Field: ChargePointChoices.ChargePointVar);
}
