using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Quoalise.Testing.Servers;

/// <summary>
/// A real server (Prosody, Mosquitto, MariaDB, PostgreSQL…) run as a child process on loopback with a
/// throw-away data folder. Subclasses write the configuration and know the readiness signal. Output is
/// kept, so a failure can show the server's own words. Not thread-safe: one owner (a fixture) drives it.
/// </summary>
public abstract class ServerProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaitedOutput = [];
    private Process? _process;
    private int _outputAtStart;

    protected ServerProcess(string name)
    {
        Name = name;
        DataDirectory = Directory.CreateTempSubdirectory($"quoalise-{name}-").FullName;
    }

    public string Name { get; }

    /// <summary>Configuration, data and logs of this instance; deleted on dispose.</summary>
    public string DataDirectory { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>CPU time the server used so far (user and system), for load measurements.</summary>
    public TimeSpan ProcessorTime => Running.TotalProcessorTime;

    /// <summary>The server's resident memory now.</summary>
    public long ResidentBytes => Running.WorkingSet64;

    private Process Running
    {
        get
        {
            var process = _process ?? throw new InvalidOperationException($"{Name} was not started.");
            process.Refresh();
            return process;
        }
    }

    /// <summary>What the server printed so far (stdout and stderr interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server and waits until it is ready.</summary>
    public abstract Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops the server the hard way, as a crash or a power cut would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server politely (SIGTERM), waiting for it to exit.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process is not { HasExited: false } p)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync().ConfigureAwait(false);
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            await p.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillAsync().ConfigureAwait(false);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server may still be releasing a file; the folder is in the temp area anyway.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Runs a server binary in the background, capturing its output.</summary>
    protected void StartProcess(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var info = StartInfo(fileName, arguments, environment);

        _process?.Dispose();
        lock (_output)
        {
            _outputAtStart = _output.Length;
        }

        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    // Output captured, working in the data folder, with the caller's environment on top of ours.
    private ProcessStartInfo StartInfo(
        string fileName, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>>? environment, bool redirectInput = false)
    {
        RequireExecutable(fileName);
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? [])
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>Runs a tool to completion (initdb, prosodyctl…) and fails with its output if it fails.</summary>
    protected Task<string> RunToolAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunToolAsync(fileName, arguments, environment: null, standardInput: null, cancellationToken);

    /// <summary>
    /// Runs a tool to completion with extra environment variables and what to write on its stdin (then closed), and
    /// fails with its output if it fails. A cancelled run kills the tool, so nothing outlives the test.
    /// </summary>
    protected async Task<string> RunToolAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        string? standardInput,
        CancellationToken cancellationToken)
    {
        var info = StartInfo(fileName, arguments, environment, redirectInput: standardInput is not null);

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}:\n{text}");
        }

        return text;
    }

    /// <summary>Waits until the port accepts TCP connections, failing early if the process died.</summary>
    protected async Task WaitForTcpAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before listening on {port}:\n{Output}");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"{Name} did not listen on 127.0.0.1:{port} within {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>
    /// Waits until the server prints a line containing <paramref name="text"/> since its last start (its
    /// readiness message, when accepting TCP is not enough), failing early if it exits.
    /// </summary>
    protected async Task WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was not started.");
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString(_outputAtStart, _output.Length - _outputAtStart).Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            _awaitedOutput.Add((text, seen));
        }

        try
        {
            var exited = process.WaitForExitAsync(cancellationToken);
            if (await Task.WhenAny(seen.Task, exited).WaitAsync(timeout, cancellationToken).ConfigureAwait(false) != seen.Task)
            {
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} before printing '{text}':\n{Output}");
            }
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not print '{text}' within {timeout.TotalSeconds} s:\n{Output}");
        }
        finally
        {
            lock (_output)
            {
                _awaitedOutput.RemoveAll(a => a.Seen == seen);
            }
        }
    }

    /// <summary>Fails with the fix when a server binary is not installed, instead of skipping the test.</summary>
    protected internal static void RequireExecutable(string path)
    {
        if (Path.IsPathRooted(path) ? File.Exists(path) : FindOnPath(path) is not null)
        {
            return;
        }

        throw new InvalidOperationException(
            $"'{path}' is not installed. Run scripts/install-deps.sh (as root), which installs every server the tests need.");
    }

    protected static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Concat(["/usr/sbin", "/sbin"])
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);

    /// <summary>Called for each line the server prints (stdout or stderr), on the reader's thread.</summary>
    protected virtual void OnOutputLine(string line)
    {
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        OnOutputLine(line);

        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var (text, seen) in _awaitedOutput)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    seen.TrySetResult();
                }
            }
        }
    }
}
