using System.Globalization;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;

namespace Quoalise.Load;

/// <summary>Options of the <c>storage</c> verb; every one has a default that reproduces docs/BENCHMARKS.md.</summary>
/// <param name="Engines">Engines to measure, in order.</param>
/// <param name="Rows">Points ingested (the table the range read runs against), rounded up to whole series-years.</param>
/// <param name="Producers">Concurrent writers, each awaiting its write (the commit) before the next.</param>
/// <param name="WritePoints">Points per <c>ISeriesWriter.WriteAsync</c> call.</param>
/// <param name="Reads">Range reads of one year of one series; the median is reported.</param>
/// <param name="ConnectionString">Use this database instead of starting a throw-away one (one engine only).</param>
/// <param name="PostgresSettings">Server settings (<c>name=value</c>) of the throw-away PostgreSQL, e.g. <c>shared_buffers=2GB</c>.</param>
/// <param name="HugePages">The throw-away PostgreSQL's shared memory on huge pages, reserved for the run (root; docs/storage.md, "Huge pages").</param>
internal sealed record StorageLoadOptions(
    IReadOnlyList<SqlEngine> Engines,
    int Rows = 10_000_000,
    int Producers = 32,
    int WritePoints = 1_000,
    int Reads = 21,
    string? ConnectionString = null,
    IReadOnlyList<string>? PostgresSettings = null,
    bool HugePages = false)
{
    public const string Usage =
        "storage [--engines sqlite,mysql,postgres] [--rows 10000000] [--producers 32] [--write-points 1000] [--reads 21] " +
        "[--connection-string CS] [--postgres-setting name=value]... [--huge-pages]";

    public static StorageLoadOptions Parse(IReadOnlyList<string> args)
    {
        (var hugePages, args) = LoadArguments.TakeFlag(args, "--huge-pages");
        var options = new StorageLoadOptions([SqlEngine.Sqlite, SqlEngine.MySql, SqlEngine.Postgres]) with { HugePages = hugePages };
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value. Usage: {Usage}");
            options = args[i] switch
            {
                "--engines" => options with { Engines = [.. value.Split(',').Select(ParseEngine)] },
                "--rows" => options with { Rows = int.Parse(value, CultureInfo.InvariantCulture) },
                "--producers" => options with { Producers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--write-points" => options with { WritePoints = int.Parse(value, CultureInfo.InvariantCulture) },
                "--reads" => options with { Reads = int.Parse(value, CultureInfo.InvariantCulture) },
                "--connection-string" => options with { ConnectionString = value },
                "--postgres-setting" => options with { PostgresSettings = [.. options.PostgresSettings ?? [], value] },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Usage: {Usage}"),
            };
        }

        if (options.ConnectionString is not null && options.Engines.Count != 1)
        {
            throw new ArgumentException("--connection-string needs exactly one engine in --engines.");
        }

        return options;
    }

    private static SqlEngine ParseEngine(string name) =>
        StorageProviders.TryParse(name, out var engine)
            ? engine
            : throw new ArgumentException($"Unknown engine '{name}'; allowed: {string.Join(", ", StorageProviders.Names)}.");
}
