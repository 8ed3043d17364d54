using System.Data.Common;
using Dapper;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary><see cref="IBedStore"/> on the configured database, with Dapper. Thread-safe.</summary>
internal sealed class BedStore : IBedStore
{
    private const string Columns = "greenhouse AS Greenhouse, bed AS BedNumber, label AS Label, registered_us AS RegisteredUs, registered_by AS RegisteredBy";

    private const string Find = $"SELECT {Columns} FROM mqtt_beds WHERE greenhouse = @greenhouse AND bed = @bed";

    private const string List = $"SELECT {Columns} FROM mqtt_beds ORDER BY greenhouse, bed";

    private readonly IDatabase _database;
    private readonly string _add;

    public BedStore(IDatabase database)
    {
        _database = database;
        _add = database.Dialect.InsertIgnore("mqtt_beds", ["greenhouse", "bed", "label", "registered_us", "registered_by"], ["greenhouse", "bed"]);
    }

    public async Task<Bed?> FindAsync(int greenhouse, int bed, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<BedRow>(new CommandDefinition(Find, new { greenhouse, bed }, cancellationToken: cancellationToken));
        return row?.ToBed();
    }

    public async Task<IReadOnlyList<Bed>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<BedRow>(new CommandDefinition(List, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToBed())];
    }

    public async Task<bool> AddAsync(Bed bed, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await _database.OpenAsync(cancellationToken);
        var added = await connection.ExecuteAsync(new CommandDefinition(_add, new
        {
            greenhouse = bed.Greenhouse,
            bed = bed.BedNumber,
            label = bed.Label,
            registered_us = UnixMicroseconds.From(bed.RegisteredAt),
            registered_by = bed.RegisteredBy,
        }, cancellationToken: cancellationToken));
        return added > 0;
    }

    // Settable properties, not a constructor: Dapper then converts each engine's integer type.
    private sealed class BedRow
    {
        public long Greenhouse { get; set; }

        public long BedNumber { get; set; }

        public string? Label { get; set; }

        public long RegisteredUs { get; set; }

        public string RegisteredBy { get; set; } = string.Empty;

        public Bed ToBed() => new((int)Greenhouse, (int)BedNumber, Label, UnixMicroseconds.ToTime(RegisteredUs), RegisteredBy);
    }
}
