using System.Diagnostics;
using System.Globalization;
using Quoalise.Testing.Servers;

namespace Quoalise.IntegrationTests.Mqtt.Support;

/// <summary>
/// <c>mosquitto_pub</c> against any broker on loopback (the embedded one has no <see cref="MosquittoServer"/>): the
/// device side, independent of the code under test. Payloads go through a file, so any byte survives.
/// </summary>
internal static class MosquittoPub
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Task PublishAsync(int port, string topic, string payload, int repeat = 1, string? clientId = null) =>
        PublishAsync(port, topic, System.Text.Encoding.UTF8.GetBytes(payload), repeat, clientId);

    /// <summary>Publishes at QoS 1, <paramref name="repeat"/> times over one connection; fails with mosquitto_pub's words.</summary>
    public static async Task PublishAsync(int port, string topic, byte[] payload, int repeat = 1, string? clientId = null)
    {
        if (!File.Exists("/usr/bin/mosquitto_pub"))
        {
            throw new InvalidOperationException("'mosquitto_pub' is not installed. Run scripts/install-deps.sh (as root), which installs every server the tests need.");
        }

        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, payload);
            var info = new ProcessStartInfo("mosquitto_pub") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-q", "1", "-t", topic, "-f", file })
            {
                info.ArgumentList.Add(argument);
            }

            if (repeat > 1)
            {
                info.ArgumentList.Add("--repeat");
                info.ArgumentList.Add(repeat.ToString(CultureInfo.InvariantCulture));
            }

            // Without -i, mosquitto_pub sends an empty client id with a clean session: the broker assigns one.
            if (clientId is not null)
            {
                info.ArgumentList.Add("-i");
                info.ArgumentList.Add(clientId);
            }

            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"mosquitto_pub to port {port} did not finish within {Timeout.TotalSeconds} s: {await stderr}");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"mosquitto_pub -t {topic} exited with {process.ExitCode}: {await stderr}");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
