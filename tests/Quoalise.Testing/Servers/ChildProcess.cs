using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Quoalise.Testing.Servers;

/// <summary>
/// A client tool run beside a test (mosquitto_sub, the slixmpp scripts): its stdout as a stream of lines, its stderr
/// kept for failure messages, and its stdin for requests. Disposing kills it, so nothing outlives the test.
/// Thread-safe: lines may be read while another thread writes or reads <see cref="StandardError"/>.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan PoliteExitTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly StringBuilder _standardError = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _disposed;

    private ChildProcess(ProcessStartInfo info)
    {
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
            }
            else
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_standardError)
                {
                    _standardError.AppendLine(e.Data);
                }
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Exited = WaitForExitAsync();
    }

    /// <summary>Lines printed on stdout, completed when the process closes it.</summary>
    public ChannelReader<string> StandardOutputLines => _lines.Reader;

    /// <summary>Everything printed on stderr so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_standardError)
            {
                return _standardError.ToString();
            }
        }
    }

    /// <summary>Completes with the exit code once the process has exited and its output is drained.</summary>
    public Task<int> Exited { get; }

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        ServerProcess.RequireExecutable(fileName);
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new ChildProcess(info);
    }

    /// <summary>Writes one line to stdin; concurrent writers are serialised so lines never interleave.</summary>
    public async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Ends the process at once, as a crash would (a client's Last Will is then published).</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await Exited.ConfigureAwait(false);
    }

    /// <summary>Closes stdin, which the scripts take as "leave politely", then kills the process if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process already went away; the pipe is broken.
        }

        try
        {
            await Exited.WaitAsync(PoliteExitTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await KillAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        _writeLock.Dispose();
    }

    private async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _lines.Writer.TryComplete();
        return _process.ExitCode;
    }
}
