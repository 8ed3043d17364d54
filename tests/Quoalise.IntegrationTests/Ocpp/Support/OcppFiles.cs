namespace Quoalise.IntegrationTests.Ocpp;

/// <summary>
/// Where the npm charge point lives (<c>tests/ocpp/</c>, found upwards from the test assembly) and Node.js.
/// Missing pieces fail the test with the command that fixes them, never skip it.
/// </summary>
internal static class OcppFiles
{
    private static readonly Lazy<string> Location = new(Find);

    public static string ChargePointDirectory => Location.Value;

    public static string Node =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "node"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Node.js ('node') is not installed. Run scripts/install-deps.sh (as root): it installs nodejs and npm, then runs npm ci in tests/ocpp.");

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "ocpp");
            if (File.Exists(Path.Combine(candidate, "charge-point.js")))
            {
                return File.Exists(Path.Combine(candidate, "node_modules", "ocpp-rpc", "package.json"))
                    ? candidate
                    : throw new InvalidOperationException($"ocpp-rpc is not installed in {candidate}. Run: npm ci --prefix tests/ocpp (scripts/install-deps.sh does it).");
            }
        }

        throw new InvalidOperationException($"tests/ocpp/charge-point.js was not found above {AppContext.BaseDirectory}.");
    }
}
