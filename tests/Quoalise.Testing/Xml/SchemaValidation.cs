using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Testing.Xml;

/// <summary>
/// Validates XML against the repository's Schemas/*.xsd (urn:quoalise:0 and RFC 8428 SenML), loaded once
/// with DTDs prohibited and no resolver. Use it on every payload a test makes the code emit. Thread-safe
/// once loaded: validation only reads the compiled set.
/// </summary>
public static class SchemaValidation
{
    private static readonly XmlReaderSettings Hardened = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    private static readonly Lazy<XmlSchemaSet> Schemas = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The repository's Schemas folder, found by walking up from the test binaries to Quoalise.sln.</summary>
    public static string SchemaDirectory { get; } = FindSchemaDirectory();

    /// <summary>
    /// Every schema error and warning for <paramref name="root"/> validated as a document root. A root no
    /// schema declares (a wrong namespace) is an error here: XDocument.Validate would silently skip it.
    /// </summary>
    public static IReadOnlyList<string> Errors(XElement root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var schemas = Schemas.Value;
        if (!schemas.GlobalElements.Contains(new XmlQualifiedName(root.Name.LocalName, root.Name.NamespaceName)))
        {
            return [$"Error: no schema declares the root element {root.Name}."];
        }

        var errors = new List<string>();
        new XDocument(new XElement(root)).Validate(schemas, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        return errors;
    }

    /// <summary>Throws, listing the problems, unless <paramref name="root"/> is valid.</summary>
    public static XElement AssertValid(XElement root)
    {
        var errors = Errors(root);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Not valid against Schemas/*.xsd:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}{Environment.NewLine}{root}");
        }

        return root;
    }

    /// <summary>
    /// Validates every Quoalise payload inside a larger element such as an iq or a command result: each
    /// <c>&lt;quoalise&gt;</c>, each <c>&lt;upstream-error&gt;</c>, and each <c>&lt;sensml&gt;</c> outside a
    /// <c>&lt;quoalise&gt;</c>. Fails when there is none, so a test cannot pass by validating nothing.
    /// </summary>
    public static void AssertPayloadsValid(XElement container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var payloads = container.DescendantsAndSelf()
            .Where(e => e.Name == QuoaliseNames.Quoalise || e.Name == QuoaliseNames.UpstreamError
                || (e.Name == SenMLNames.SensML && !e.Ancestors(QuoaliseNames.Quoalise).Any()))
            .ToList();
        if (payloads.Count == 0)
        {
            throw new InvalidOperationException($"No Quoalise or SenML payload to validate in:{Environment.NewLine}{container}");
        }

        foreach (var payload in payloads)
        {
            AssertValid(payload);
        }
    }

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        foreach (var file in new[] { "senml.xsd", "quoalise-0.xsd" })
        {
            using var reader = XmlReader.Create(Path.Combine(SchemaDirectory, file), Hardened);
            set.Add(XmlSchema.Read(reader, (_, e) => throw e.Exception)!);
        }

        set.Compile();
        return set;
    }

    private static string FindSchemaDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Quoalise.sln")))
            {
                return Path.Combine(directory.FullName, "Schemas");
            }
        }

        throw new InvalidOperationException($"No Quoalise.sln above {AppContext.BaseDirectory}: the schema tests run from the repository.");
    }
}
