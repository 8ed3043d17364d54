using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Quoalise.Adapters.Ocpp.Schemas;
using Quoalise.Testing.Xml;

namespace Quoalise.Adapters.Ocpp.Tests.Schemas;

/// <summary>The schemas the adapter embeds are those the manifests in Schemas/ocpp/ describe (Schemas/ocpp/README.md).</summary>
public class SchemaManifestTests
{
    private static readonly string Folder = Path.Combine(SchemaValidation.SchemaDirectory, "ocpp");

    [Test]
    public void Every_embedded_schema_is_in_its_manifest_with_its_current_sha256()
    {
        var assembly = typeof(OcppSchemaValidator).Assembly;
        var embedded = assembly.GetManifestResourceNames().Where(n => n.StartsWith("ocpp/", StringComparison.Ordinal)).ToList();
        var manifests = new[] { "1.6", "2.0.1" }.ToDictionary(v => v, v => File.ReadAllText(Path.Combine(Folder, v, "README.md")));

        embedded.Should().NotBeEmpty();
        foreach (var name in embedded)
        {
            var (version, file) = (name.Split('/')[1], name.Split('/')[2]);
            using var stream = assembly.GetManifestResourceStream(name)!;
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
            manifests[version].Should().MatchRegex($@"\| `{Regex.Escape(file)}` \| [0-9a-f]{{40}} \| {sha256} \|", $"Schemas/ocpp/{version}/README.md should list {file} with its sha256");
        }
    }

    [Test]
    public void The_manifests_refer_to_a_readme_that_says_where_the_schemas_come_from_and_how_they_differ()
    {
        var readme = File.ReadAllText(Path.Combine(Folder, "README.md"));

        readme.Should().Contain("mobilityhouse/ocpp").And.Contain("## Licence").And.Contain("## How they are used");
        File.ReadAllText(Path.Combine(Folder, "1.6", "README.md")).Should().Contain("See `../README.md`");
    }
}
