using System.Text.RegularExpressions;

namespace Quoalise.Testing.Servers;

/// <summary>
/// The server configurations and scripts of <c>tests/servers/</c>, copied beside the test assemblies at build time
/// (see Quoalise.Testing.csproj), so fixtures never depend on the current directory. Thread-safe (stateless).
/// </summary>
public static partial class ServerFiles
{
    /// <summary>The full path of a file under <c>tests/servers/</c>, e.g. <c>prosody/prosody.cfg.lua</c>.</summary>
    public static string PathOf(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "servers", relativePath);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"{relativePath} was not copied beside the tests; Quoalise.Testing.csproj copies tests/servers/** to the output folder.", path);
    }

    /// <summary>Reads a template and replaces each <c>{{NAME}}</c>; a placeholder left without a value is an error.</summary>
    public static string Render(string relativePath, IReadOnlyDictionary<string, string> values)
    {
        var text = File.ReadAllText(PathOf(relativePath));
        return Placeholder().Replace(text, match =>
            values.TryGetValue(match.Groups[1].Value, out var value)
                ? value
                : throw new ArgumentException($"{relativePath} needs a value for {{{{{match.Groups[1].Value}}}}}.", nameof(values)));
    }

    [GeneratedRegex(@"\{\{([A-Z_]+)\}\}")]
    private static partial Regex Placeholder();
}
