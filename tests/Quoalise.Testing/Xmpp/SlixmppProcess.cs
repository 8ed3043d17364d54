using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quoalise.Testing.Servers;

namespace Quoalise.Testing.Xmpp;

/// <summary>
/// One of the slixmpp scripts of <c>tests/servers/slixmpp/</c>, speaking JSON lines: events (<c>{"event": …}</c>) are
/// kept in order and can be awaited; requests get an id and their response (<c>{"id": …}</c>) completes them.
/// Thread-safe: requests may be sent concurrently, and events awaited from any thread.
/// </summary>
internal sealed class SlixmppProcess : IAsyncDisposable
{
    /// <summary>Debian's interpreter, which has python3-slixmpp; a pyenv <c>python3</c> on PATH may not.</summary>
    private const string Python = "/usr/bin/python3";

    private static readonly TimeSpan ResponseMargin = TimeSpan.FromSeconds(5);

    private readonly string _script;
    private readonly ChildProcess _child;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly List<JsonElement> _events = [];
    private readonly StringBuilder _otherOutput = new();
    private readonly Task _reading;
    private TaskCompletionSource _eventArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _exited;
    private int _nextId;

    private SlixmppProcess(string script, IEnumerable<string> arguments)
    {
        _script = script;
        _child = ChildProcess.Start(Python, [ServerFiles.PathOf("slixmpp/" + script), .. arguments]);
        _reading = ReadAsync();
    }

    /// <summary>What the script printed on stderr (Python tracebacks, slixmpp warnings) and any stray stdout.</summary>
    public string Diagnostics
    {
        get
        {
            lock (_otherOutput)
            {
                return _child.StandardError + _otherOutput;
            }
        }
    }

    public static SlixmppProcess Start(string script, IEnumerable<string> arguments) => new(script, arguments);

    /// <summary>Waits for the <paramref name="occurrence"/>-th event named <paramref name="name"/> and returns it.</summary>
    public async Task<JsonElement> WaitForEventAsync(string name, int occurrence, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task arrived;
            lock (_events)
            {
                var matches = _events.Where(e => e.GetProperty("event").GetString() == name).ToList();
                if (matches.Count >= occurrence)
                {
                    return matches[occurrence - 1];
                }

                if (_exited)
                {
                    throw Failure($"exited before event '{name}' #{occurrence}");
                }

                arrived = _eventArrived.Task;
            }

            try
            {
                await arrived.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(Failure($"sent no event '{name}' #{occurrence} within {timeout.TotalSeconds} s").Message);
            }
        }
    }

    /// <summary>Sends a request (an id is added) and returns the script's response line.</summary>
    public async Task<JsonElement> RequestAsync(JsonObject request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        request["id"] = id;
        request["timeout"] = timeout.TotalSeconds;
        var response = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        try
        {
            // Checked after registering: either this sees the exit, or the reader fails the request.
            if (_exited)
            {
                throw Failure("is not running");
            }

            await _child.WriteLineAsync(request.ToJsonString(), cancellationToken).ConfigureAwait(false);
            // The script applies the timeout itself; the margin only catches a script that hangs.
            return await response.Task.WaitAsync(timeout + ResponseMargin, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(Failure($"did not answer request {id} ({request["op"]})").Message);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Closes stdin (the script leaves politely), then kills it if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        await _child.DisposeAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(false);
    }

    /// <summary>An error naming the script, its exit code if any, its events and what else it printed.</summary>
    public InvalidOperationException Failure(string what)
    {
        var exit = _child.Exited.IsCompleted
            ? string.Create(CultureInfo.InvariantCulture, $" (exit code {_child.Exited.Result})")
            : string.Empty;
        string events;
        lock (_events)
        {
            events = string.Join('\n', _events.Select(e => e.GetRawText()));
        }

        return new InvalidOperationException($"{_script} {what}{exit}. Its events:\n{events}\nIts other output:\n{Diagnostics}");
    }

    private async Task ReadAsync()
    {
        await foreach (var line in _child.StandardOutputLines.ReadAllAsync().ConfigureAwait(false))
        {
            Dispatch(line);
        }

        await _child.Exited.ConfigureAwait(false);
        lock (_events)
        {
            _exited = true;
            _eventArrived.TrySetResult();
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(Failure("exited before answering"));
        }
    }

    private void Dispatch(string line)
    {
        JsonElement message;
        try
        {
            message = JsonSerializer.Deserialize<JsonElement>(line);
        }
        catch (JsonException)
        {
            message = default;
        }

        if (message.ValueKind != JsonValueKind.Object)
        {
            lock (_otherOutput)
            {
                _otherOutput.AppendLine(line);
            }
        }
        else if (message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number
            && _pending.TryGetValue(id.GetInt32(), out var pending))
        {
            pending.TrySetResult(message);
        }
        else if (message.TryGetProperty("event", out _))
        {
            lock (_events)
            {
                _events.Add(message);
                var arrived = _eventArrived;
                _eventArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                arrived.TrySetResult();
            }
        }
        else
        {
            lock (_otherOutput)
            {
                _otherOutput.AppendLine(line);
            }
        }
    }
}
