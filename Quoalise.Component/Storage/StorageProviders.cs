using Quoalise.Adapters.Storage;

namespace Quoalise.Component.Storage;

/// <summary>The values <c>Storage:Provider</c> accepts, and the engine each one selects.</summary>
public static class StorageProviders
{
    public const string Sqlite = "sqlite";
    public const string MySql = "mysql";
    public const string Postgres = "postgres";

    /// <summary>Every accepted name, as listed in error messages and docs/storage.md.</summary>
    public static IReadOnlyList<string> Names { get; } = [Sqlite, MySql, Postgres];

    /// <summary>The <c>Storage:Provider</c> value that selects <paramref name="engine"/>.</summary>
    public static string NameOf(SqlEngine engine) => engine switch
    {
        SqlEngine.Sqlite => Sqlite,
        SqlEngine.MySql => MySql,
        SqlEngine.Postgres => Postgres,
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown storage engine."),
    };

    public static bool TryParse(string? name, out SqlEngine engine)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case Sqlite:
                engine = SqlEngine.Sqlite;
                return true;
            case MySql:
                engine = SqlEngine.MySql;
                return true;
            case Postgres:
                engine = SqlEngine.Postgres;
                return true;
            default:
                engine = default;
                return false;
        }
    }
}
