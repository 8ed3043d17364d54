using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quoalise.IntegrationTests.Support;

namespace Quoalise.IntegrationTests.Ocpp;

/// <summary>
/// A real OCPP-J charge point: the npm package <c>ocpp-rpc</c>, run by Node.js from <c>tests/ocpp/charge-point.js</c>
/// and driven through JSON lines. Calls return the central system's answer, or its CALLERROR as
/// <see cref="RpcError"/>; what the central system sends on its own (calls, raw frames, the close) is awaited
/// with the <c>Next…</c> methods. A missing Node.js or <c>npm ci</c> fails with the fix. Thread-safe.
/// </summary>
internal sealed class OcppChargePoint : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _reading;
    private int _nextId;

    private OcppChargePoint(string identity, Process process)
    {
        Identity = identity;
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
        _reading = ReadAsync();
    }

    public string Identity { get; }

    /// <summary>The subprotocol the central system chose.</summary>
    public string? Protocol { get; private set; }

    /// <summary>Starts the charge point process and connects it.</summary>
    /// <param name="endpoint">The central system's endpoint without the identity, e.g. <c>ws://127.0.0.1:8080/ocpp</c>.</param>
    public static async Task<OcppChargePoint> ConnectAsync(
        Uri endpoint, string identity, string protocol = "ocpp1.6", string? password = null, string? certificateAuthority = null, string[]? protocols = null)
    {
        var chargePoint = Start(identity);
        try
        {
            await chargePoint.OpenAsync(endpoint, protocols ?? [protocol], password, certificateAuthority);
            return chargePoint;
        }
        catch
        {
            await chargePoint.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the process without connecting: for handshakes expected to fail.</summary>
    public static OcppChargePoint Start(string identity)
    {
        var info = new ProcessStartInfo(OcppFiles.Node)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = OcppFiles.ChargePointDirectory,
        };
        info.ArgumentList.Add("charge-point.js");
        return new OcppChargePoint(identity, Process.Start(info)!);
    }

    /// <summary>Connects; throws <see cref="ChargePointException"/> with the HTTP status when the handshake is refused.</summary>
    /// <param name="headers">Extra headers of the upgrade request, e.g. those a reverse proxy adds.</param>
    public async Task OpenAsync(
        Uri endpoint, IReadOnlyList<string> protocols, string? password = null, string? certificateAuthority = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var answer = await RequestAsync(new JsonObject
        {
            ["op"] = "connect",
            ["endpoint"] = endpoint.ToString().TrimEnd('/'),
            ["identity"] = Identity,
            ["protocols"] = new JsonArray([.. protocols.Select(p => JsonValue.Create(p))]),
            ["password"] = password,
            ["ca"] = certificateAuthority,
            ["headers"] = headers is null ? null : new JsonObject([.. headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value)))]),
        });
        Protocol = answer.GetProperty("protocol").GetString();
    }

    /// <summary>OCPP 1.6 MeterValues on connector 1 of a transaction: one energy register reading, in Wh.</summary>
    public Task<JsonElement> MeterEnergyAsync(int transactionId, DateTimeOffset time, int wh) =>
        CallAsync("MeterValues", new
        {
            connectorId = 1,
            transactionId,
            meterValue = new[] { new { timestamp = IsoTime.Of(time), sampledValue = new[] { new { value = wh.ToString(CultureInfo.InvariantCulture), unit = "Wh" } } } },
        });

    /// <summary>Sets how the charge point answers a call from the central system.</summary>
    public Task HandleAsync(string method, JsonObject? reply = null, (string Code, string Description)? error = null, bool noReply = false)
    {
        var request = new JsonObject { ["op"] = "handle", ["method"] = method, ["reply"] = reply, ["noReply"] = noReply };
        if (error is { } e)
        {
            request["error"] = new JsonObject { ["code"] = e.Code, ["description"] = e.Description };
        }

        return RequestAsync(request);
    }

    /// <summary>A CALL; the CALLRESULT payload, or <see cref="RpcError"/> for a CALLERROR.</summary>
    public async Task<JsonElement> CallAsync(string method, object payload)
    {
        var answer = await RequestAsync(new JsonObject { ["op"] = "call", ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(payload) });
        return answer.GetProperty("status").GetString() == "rpc-error"
            ? throw new RpcError(answer.GetProperty("rpcErrorCode").GetString()!, answer.GetProperty("message").GetString() ?? string.Empty)
            : answer.GetProperty("result");
    }

    /// <summary>Sends a frame as written, bypassing ocpp-rpc's own checks.</summary>
    public Task SendRawAsync(string frame) => RequestAsync(new JsonObject { ["op"] = "raw", ["message"] = frame });

    /// <summary>The next frame the central system sent (answers included), or null if none within the timeout.</summary>
    public async Task<JsonElement?> NextFrameAsync(TimeSpan? timeout = null)
    {
        var answer = await RequestAsync(new JsonObject { ["op"] = "next_raw", ["timeoutMs"] = Millis(timeout) });
        var message = answer.GetProperty("message");
        return message.ValueKind == JsonValueKind.Null ? null : JsonDocument.Parse(message.GetString()!).RootElement;
    }

    /// <summary>Sends a frame as written and returns the central system's answer to it: the next frame carrying <paramref name="messageId"/>.</summary>
    public async Task<JsonElement> AnswerToRawAsync(string frame, string messageId)
    {
        await SendRawAsync(frame);
        while (true)
        {
            var answer = await NextFrameAsync() ?? throw new TimeoutException($"No answer to {frame}");
            if (answer.ValueKind == JsonValueKind.Array && answer.GetArrayLength() > 1 && answer[1].GetString() == messageId)
            {
                return answer;
            }
        }
    }

    /// <summary>The next call the central system made (method and params), or null if none within the timeout.</summary>
    public async Task<(string Method, JsonElement Params)?> NextCallAsync(TimeSpan? timeout = null)
    {
        var answer = await RequestAsync(new JsonObject { ["op"] = "next_call", ["timeoutMs"] = Millis(timeout) });
        var call = answer.GetProperty("call");
        return call.ValueKind == JsonValueKind.Null ? null : (call.GetProperty("method").GetString()!, call.GetProperty("params"));
    }

    /// <summary>The close of the connection (code and reason), or null if it stays open within the timeout.</summary>
    public async Task<(int Code, string Reason)?> NextCloseAsync(TimeSpan? timeout = null)
    {
        var answer = await RequestAsync(new JsonObject { ["op"] = "next_close", ["timeoutMs"] = Millis(timeout) });
        var close = answer.GetProperty("close");
        return close.ValueKind == JsonValueKind.Null ? null : (close.GetProperty("code").GetInt32(), close.GetProperty("reason").GetString() ?? string.Empty);
    }

    public Task CloseAsync() => RequestAsync(new JsonObject { ["op"] = "close", ["code"] = 1000, ["reason"] = "test" });

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _reading.ConfigureAwait(false);
        _process.Dispose();
        _writeLock.Dispose();
    }

    private static int Millis(TimeSpan? timeout) => (int)(timeout ?? TimeSpan.FromSeconds(10)).TotalMilliseconds;

    private async Task<JsonElement> RequestAsync(JsonObject request)
    {
        var id = Interlocked.Increment(ref _nextId);
        request["id"] = id;
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        await _writeLock.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(request.ToJsonString());
            await _process.StandardInput.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }

        JsonElement response;
        try
        {
            response = await answer.Task.WaitAsync(DefaultTimeout + TimeSpan.FromMilliseconds(request["timeoutMs"]?.GetValue<int>() ?? 0));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The charge point {Identity} did not answer {request["op"]}.\n{Diagnostics}");
        }

        return response.GetProperty("status").GetString() == "error"
            ? throw new ChargePointException(
                response.GetProperty("error").GetString() ?? "error",
                response.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : null)
            : response;
    }

    private string Diagnostics
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            var answer = JsonDocument.Parse(line).RootElement;
            if (answer.GetProperty("id").ValueKind == JsonValueKind.Number && _pending.TryRemove(answer.GetProperty("id").GetInt32(), out var pending))
            {
                pending.TrySetResult(answer);
            }
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new InvalidOperationException($"The charge point process {Identity} exited.\n{Diagnostics}"));
        }
    }
}
