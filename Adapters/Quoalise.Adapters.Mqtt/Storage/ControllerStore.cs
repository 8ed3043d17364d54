using Dapper;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary><see cref="IControllerStore"/> on the configured database, with Dapper. Thread-safe.</summary>
internal sealed class ControllerStore : IControllerStore
{
    private const string List =
        "SELECT mac AS Mac, ip AS Ip, online AS Online, last_seen_us AS LastSeenUs, changed_us AS ChangedUs FROM mqtt_controllers ORDER BY mac";

    private readonly IDatabase _database;
    private readonly string _announce;
    private readonly string _offline;

    public ControllerStore(IDatabase database)
    {
        _database = database;
        _announce = database.Dialect.Upsert("mqtt_controllers", ["mac"], ["ip", "online", "last_seen_us", "changed_us"]);
        _offline = database.Dialect.Upsert("mqtt_controllers", ["mac"], ["online", "changed_us"]);
    }

    public async Task AnnounceAsync(string mac, string ip, bool online, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var us = UnixMicroseconds.From(time);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(_announce, new { mac, ip, online = online ? 1 : 0, last_seen_us = us, changed_us = us }, cancellationToken: cancellationToken));
    }

    public async Task MarkOfflineAsync(string mac, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(_offline, new { mac, online = 0, changed_us = UnixMicroseconds.From(time) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<Controller>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ControllerRow>(new CommandDefinition(List, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new Controller(
            r.Mac,
            r.Ip,
            r.Online != 0,
            r.LastSeenUs is { } seen ? UnixMicroseconds.ToTime(seen) : null,
            UnixMicroseconds.ToTime(r.ChangedUs)))];
    }

    private sealed class ControllerRow
    {
        public string Mac { get; set; } = string.Empty;

        public string? Ip { get; set; }

        public long Online { get; set; }

        public long? LastSeenUs { get; set; }

        public long ChangedUs { get; set; }
    }
}
