using Dapper;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>Charge points and their boot history (<c>ocpp_charge_points</c>, <c>ocpp_boots</c>). Thread-safe.</summary>
internal sealed class ChargePointStore
{
    private const string Columns =
        "id AS Id, security_profile AS SecurityProfile, auth_key_hash AS AuthKeyHash, registration_status AS RegistrationStatus, " +
        "auto_registered AS AutoRegistered, boot_status AS BootStatus, ocpp_version AS OcppVersion, vendor AS Vendor, model AS Model, " +
        "serial_number AS SerialNumber, firmware_version AS FirmwareVersion, last_boot_us AS LastBootUs, " +
        "last_heartbeat_us AS LastHeartbeatUs, last_seen_us AS LastSeenUs";

    private const string FindSql = "SELECT " + Columns + " FROM ocpp_charge_points WHERE id = @Id";

    private const string ListSql = "SELECT " + Columns + " FROM ocpp_charge_points ORDER BY id";

    private const string UpdateSettingsSql =
        "UPDATE ocpp_charge_points SET security_profile = @SecurityProfile, auth_key_hash = @AuthKeyHash, " +
        "registration_status = @RegistrationStatus WHERE id = @Id";

    private const string DeleteSql = "DELETE FROM ocpp_charge_points WHERE id = @Id";

    private const string RecordBootSql =
        "UPDATE ocpp_charge_points SET boot_status = @Status, ocpp_version = @OcppVersion, vendor = @Vendor, model = @Model, " +
        "serial_number = @SerialNumber, charge_box_serial_number = @ChargeBoxSerialNumber, firmware_version = @FirmwareVersion, " +
        "iccid = @Iccid, imsi = @Imsi, meter_type = @MeterType, meter_serial_number = @MeterSerialNumber, " +
        "last_boot_us = @ReceivedUs, last_seen_us = @ReceivedUs WHERE id = @ChargePointId";

    private const string InsertBootSql =
        "INSERT INTO ocpp_boots (charge_point_id, received_us, ocpp_version, reason, status, vendor, model, firmware_version, payload) " +
        "VALUES (@ChargePointId, @ReceivedUs, @OcppVersion, @Reason, @Status, @Vendor, @Model, @FirmwareVersion, @Payload)";

    private const string HeartbeatSql = "UPDATE ocpp_charge_points SET last_heartbeat_us = @Now, last_seen_us = @Now WHERE id = @Id";

    private const string SeenSql = "UPDATE ocpp_charge_points SET last_seen_us = @Now WHERE id = @Id";

    private const string BootCountSql = "SELECT COUNT(*) FROM ocpp_boots WHERE charge_point_id = @Id";

    private static readonly string[] InsertColumns =
        ["id", "security_profile", "auth_key_hash", "registration_status", "auto_registered", "created_us"];

    private readonly IDatabase _database;
    private readonly string _insertSql;

    public ChargePointStore(IDatabase database)
    {
        _database = database;
        _insertSql = database.Dialect.InsertIgnore("ocpp_charge_points", InsertColumns, ["id"]);
    }

    public async Task<ChargePointRow?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ChargePointRow>(new CommandDefinition(FindSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ChargePointRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ChargePointRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken))];
    }

    /// <returns>False when a charge point with this id already exists (it is left as it is).</returns>
    public async Task<bool> AddAsync(string id, int securityProfile, string? authKeyHash, string registrationStatus, bool autoRegistered, long nowUs, CancellationToken cancellationToken)
    {
        var row = new
        {
            id,
            security_profile = securityProfile,
            auth_key_hash = authKeyHash,
            registration_status = registrationStatus,
            auto_registered = autoRegistered ? 1 : 0,
            created_us = nowUs,
        };
        return await _database.WriteTogetherAsync(
            async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(_insertSql, row, transaction)) == 1, cancellationToken);
    }

    public async Task<bool> UpdateSettingsAsync(string id, int securityProfile, string? authKeyHash, string registrationStatus, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            UpdateSettingsSql,
            new { Id = id, SecurityProfile = securityProfile, AuthKeyHash = authKeyHash, RegistrationStatus = registrationStatus },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Id = id }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Keeps the boot in the history and its description on the charge point, in one transaction.</summary>
    public Task RecordBootAsync(BootRecord boot, CancellationToken cancellationToken) =>
        _database.WriteTogetherAsync(
            async (connection, transaction) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(RecordBootSql, boot, transaction));
                await connection.ExecuteAsync(new CommandDefinition(InsertBootSql, boot, transaction));
            },
            cancellationToken);

    public async Task<long> CountBootsAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(BootCountSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    public Task RecordHeartbeatAsync(string id, long nowUs, CancellationToken cancellationToken) =>
        _database.WriteTogetherAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(HeartbeatSql, new { Id = id, Now = nowUs }, transaction)), cancellationToken);

    public Task RecordSeenAsync(string id, long nowUs, CancellationToken cancellationToken) =>
        _database.WriteTogetherAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(SeenSql, new { Id = id, Now = nowUs }, transaction)), cancellationToken);
}
