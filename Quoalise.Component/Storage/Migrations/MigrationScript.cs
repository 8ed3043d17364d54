using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Quoalise.Adapters.Storage;

namespace Quoalise.Component.Storage.Migrations;

/// <summary>One embedded schema step of one owner for one engine: <c>{folder}/{engine}/NNNN_what.sql</c>. Immutable.</summary>
internal sealed partial record MigrationScript(string Owner, int Version, string Name, string Sql, string Checksum)
{
    public string FileName => $"{Version:D4}_{Name}.sql";

    /// <summary>
    /// The steps of <paramref name="set"/> for one engine, in version order. Resources must be embedded
    /// under their project path (<c>LogicalName="Storage/Sql/%(RecursiveDir)%(Filename)%(Extension)"</c>).
    /// A set with no step for the engine, a misnamed file or a repeated version is a packaging mistake and
    /// fails start-up.
    /// </summary>
    public static IReadOnlyList<MigrationScript> Load(MigrationSet set, string engineFolder)
    {
        var prefix = $"{set.ResourceFolder.Trim('/').Replace('\\', '/')}/{engineFolder}/";
        var scripts = new List<MigrationScript>();
        foreach (var resource in set.Assembly.GetManifestResourceNames())
        {
            var path = resource.Replace('\\', '/');
            if (!path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = path[prefix.Length..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException(
                    $"Migration '{path}' of '{set.Owner}' is misnamed: expected NNNN_what.sql (four digits, lower-case words).");
            }

            using var stream = set.Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd();
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
            scripts.Add(new MigrationScript(set.Owner, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, sql, checksum));
        }

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException(
                $"No {engineFolder} migration of '{set.Owner}' is embedded in {set.Assembly.GetName().Name} under '{prefix}'. " +
                "Embed them with <EmbeddedResource Include=\"Storage/Sql/**/*.sql\" LogicalName=\"Storage/Sql/%(RecursiveDir)%(Filename)%(Extension)\" />.");
        }

        var repeated = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new InvalidOperationException(
                $"Migrations of '{set.Owner}' for {engineFolder} repeat version {repeated.Key:D4}: {string.Join(", ", repeated.Select(s => s.FileName))}.");
        }

        return [.. scripts.OrderBy(s => s.Version)];
    }

    [GeneratedRegex("^([0-9]{4})_([a-z0-9_]+)\\.sql$")]
    private static partial Regex FileNamePattern();
}
