using System.Threading.Channels;

namespace Quoalise.Testing.Servers;

/// <summary>
/// A running <c>mosquitto_sub</c>, subscribed (the broker acknowledged) before <see cref="MosquittoServer.SubscribeAsync"/>
/// returns, so nothing published afterwards is missed. Not thread-safe: one test reads it.
/// </summary>
public sealed class MosquittoSubscriber : IAsyncDisposable
{
    /// <summary>Marks message lines among mosquitto_sub's debug output; the payload is hex so any byte survives.</summary>
    internal const string MessageFormat = "message\t%t\t%x";

    /// <summary>What <c>mosquitto_sub -d</c> prints once the broker acknowledged the subscription.</summary>
    private const string SubscribedPrefix = "Subscribed (mid:";

    private const string MessagePrefix = "message\t";

    private readonly ChildProcess _process;
    private readonly List<string> _output = [];

    /// <summary>Messages that came before the SUBACK: a resumed persistent session delivers its queue at once.</summary>
    private readonly Queue<MosquittoMessage> _early = new();

    private MosquittoSubscriber(ChildProcess process)
    {
        _process = process;
    }

    /// <summary>mosquitto_sub's own words so far (debug lines, errors).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output) + "\n" + _process.StandardError;
            }
        }
    }

    /// <summary>The next message, or a <see cref="TimeoutException"/> showing what mosquitto_sub printed.</summary>
    public async Task<MosquittoMessage> NextMessageAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        if (_early.TryDequeue(out var early))
        {
            return early;
        }

        try
        {
            while (true)
            {
                var line = await ReadLineAsync(deadline.Token).ConfigureAwait(false);
                if (ParseMessage(line) is { } message)
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"mosquitto_sub received no message within {timeout.TotalSeconds} s:\n{Output}");
        }
        catch (ChannelClosedException e)
        {
            throw new InvalidOperationException($"mosquitto_sub exited:\n{Output}", e);
        }
    }

    /// <summary>Kills mosquitto_sub without an MQTT DISCONNECT, so the broker publishes its Last Will.</summary>
    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        // mosquitto_sub ignores the end of its input: stop it outright.
        await _process.KillAsync().ConfigureAwait(false);
        await _process.DisposeAsync().ConfigureAwait(false);
    }

    internal static async Task<MosquittoSubscriber> StartAsync(
        IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Line-buffered: into a pipe, mosquitto_sub's stdio would hold its debug lines (the SUBACK) until a message came.
        var subscriber = new MosquittoSubscriber(
            ChildProcess.Start("stdbuf", ["-oL", "mosquitto_sub", .. arguments], workingDirectory));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var line = await subscriber.ReadLineAsync(deadline.Token).ConfigureAwait(false);
                if (line.StartsWith(SubscribedPrefix, StringComparison.Ordinal))
                {
                    return subscriber;
                }

                if (ParseMessage(line) is { } message)
                {
                    subscriber._early.Enqueue(message);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            var output = subscriber.Output;
            await subscriber.DisposeAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException($"mosquitto_sub did not subscribe:\n{output}", e);
        }
    }

    private static MosquittoMessage? ParseMessage(string line)
    {
        if (!line.StartsWith(MessagePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = line.Split('\t');
        return new MosquittoMessage(parts[1], Convert.FromHexString(parts[2]));
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = await _process.StandardOutputLines.ReadAsync(cancellationToken).ConfigureAwait(false);
        lock (_output)
        {
            _output.Add(line);
        }

        return line;
    }
}
