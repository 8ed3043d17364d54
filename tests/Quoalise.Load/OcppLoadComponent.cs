using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;
using Quoalise.Testing.Servers;

namespace Quoalise.Load;

/// <summary>
/// The component under load, as operators run it: <c>dotnet Quoalise.Component.dll</c> (a Release build) in its
/// own process, configured by environment variables, charge points registered on first connection. Its
/// resident memory is sampled from <c>/proc</c>. Disposing stops it with SIGTERM.
/// </summary>
internal sealed class OcppLoadComponent : IAsyncDisposable
{
    private readonly Process _process;

    private OcppLoadComponent(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public static async Task<OcppLoadComponent> StartAsync(string assembly, SqlEngine engine, string connectionString)
    {
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(assembly))!,
        };
        info.ArgumentList.Add(Path.GetFullPath(assembly));
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["Storage__Provider"] = StorageProviders.NameOf(engine);
        info.Environment["Storage__ConnectionString"] = connectionString;
        // No XMPP server: the link retries in the background, which costs nothing measurable.
        info.Environment["Xmpp__Domain"] = "quoalise.localhost";
        info.Environment["Xmpp__Secret"] = "load";
        info.Environment["Xmpp__Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        info.Environment["Ocpp__AutoRegister"] = "true";
        info.Environment["Ocpp__AutoRegisterStatus"] = "Accepted";
        info.Environment["Ocpp__OpenAccess"] = "true";
        info.Environment["Serilog__MinimumLevel__Default"] = "Error";
        var process = Process.Start(info)!;
        // Errors (and their exception lines) are shown: a run with errors is not a measurement.
        process.OutputDataReceived += (_, e) => ShowErrors(e.Data);
        process.ErrorDataReceived += (_, e) => ShowErrors(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var component = new OcppLoadComponent(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return component;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static void ShowErrors(string? line)
    {
        if (line is not null && (line.Contains(" ERR ", StringComparison.Ordinal) || line.Contains("Exception", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine("component: " + line);
        }
    }

    /// <summary>Resident memory now (VmRSS), in KiB.</summary>
    public long ResidentKiB() =>
        File.ReadLines($"/proc/{_process.Id}/status")
            .Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
            .FirstOrDefault();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
