using System.Diagnostics;
using System.Text.Json;
using Quoalise.Testing.Servers;

namespace Quoalise.IntegrationTests.Mqtt.Support;

/// <summary>
/// The Python <c>quoalise</c> CLI's <c>get-history</c>, as reproduced by <c>tests/servers/slixmpp/quoalise_cli.py</c>
/// (same stanzas, same parsing, same JSON output), run against a real Prosody.
/// </summary>
internal static class QuoaliseCli
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <c>quoalise get-history</c>; returns the printed JSON, or throws with what it printed on stderr.</summary>
    public static async Task<JsonDocument> GetHistoryAsync(
        ProsodyServer prosody, string user, string password, string serverJid, string identifier, DateTimeOffset start, DateTimeOffset end)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is not installed. Run scripts/install-deps.sh (as root), which installs python3-slixmpp.");
        }

        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     ServerFiles.PathOf("slixmpp/quoalise_cli.py"), "--tz", "UTC", "get-history", serverJid, identifier,
                     "--start-time", start.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                     "--end-time", end.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["QUOALISE_USER"] = user;
        info.Environment["QUOALISE_PASSWORD"] = password;
        info.Environment["QUOALISE_ADDRESS"] = $"127.0.0.1:{prosody.C2sPort}";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"quoalise get-history did not finish within {Timeout.TotalSeconds} s: {await stderr}");
        }

        var output = await stdout;
        return output.TrimStart().StartsWith('{')
            ? JsonDocument.Parse(output)
            : throw new InvalidOperationException($"quoalise get-history printed no data. stderr: {await stderr}");
    }
}
