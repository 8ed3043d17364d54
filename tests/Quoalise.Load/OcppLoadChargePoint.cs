using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Quoalise.Load;

/// <summary>
/// One simulated OCPP 1.6 charge point on a plain <see cref="ClientWebSocket"/>: boots, reports its connector,
/// starts a transaction, then sends MeterValues (energy, power, current, SoC: four samples) and Heartbeats
/// at their intervals until told to stop, timing every MeterValues from send to CALLRESULT. One call at a
/// time, as OCPP requires; reading only its own answers keeps the socket answering the server's pings.
/// </summary>
internal sealed class OcppLoadChargePoint(string id, Uri endpoint, OcppLoadOptions options)
{
    public const int SamplesPerMessage = 4;

    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _nextId;
    private int _transactionId;
    private double _energyWh = 10_000;

    /// <summary>When each MeterValues was sent, and how long its CALLRESULT took.</summary>
    public List<(DateTimeOffset Sent, double Milliseconds)> MeterLatencies { get; } = [];

    public int MetersAcknowledged { get; private set; }

    public int Errors { get; private set; }

    /// <summary>meterStart and meterStop acknowledged: each is an energy register sample too.</summary>
    public int RegisterReadings { get; private set; }

    public async Task RunAsync(TimeSpan startDelay, DateTimeOffset stopAt, CancellationToken cancellationToken)
    {
        await Task.Delay(startDelay, cancellationToken);
        _socket.Options.AddSubProtocol("ocpp1.6");
        await _socket.ConnectAsync(new Uri($"{endpoint}/{id}"), cancellationToken);
        await CallAsync("BootNotification", $"{{\"chargePointVendor\":\"Quoalise\",\"chargePointModel\":\"load\"}}", cancellationToken);
        await CallAsync("StatusNotification", $"{{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Charging\",\"timestamp\":\"{Now()}\"}}", cancellationToken);
        var start = await CallAsync("StartTransaction", $"{{\"connectorId\":1,\"idTag\":\"LOADTAG\",\"meterStart\":{_energyWh:0},\"timestamp\":\"{Now()}\"}}", cancellationToken);
        _transactionId = start.GetProperty("transactionId").GetInt32();
        RegisterReadings++;

        // Spread the sends: each charge point starts its cycle at a random point of the interval.
        var nextMeter = DateTimeOffset.UtcNow + (options.Meter * Random.Shared.NextDouble());
        var nextHeartbeat = DateTimeOffset.UtcNow + (options.Heartbeat * Random.Shared.NextDouble());
        while (true)
        {
            var next = nextMeter < nextHeartbeat ? nextMeter : nextHeartbeat;
            if (next >= stopAt)
            {
                break;
            }

            var wait = next - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            if (next == nextMeter)
            {
                await MeterAsync(cancellationToken);
                nextMeter += options.Meter;
            }
            else
            {
                await CallAsync("Heartbeat", "{}", cancellationToken);
                nextHeartbeat += options.Heartbeat;
            }
        }

        await CallAsync("StopTransaction", $"{{\"transactionId\":{_transactionId},\"meterStop\":{_energyWh:0},\"timestamp\":\"{Now()}\",\"reason\":\"Local\"}}", cancellationToken);
        RegisterReadings++;
        await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancellationToken);
    }

    private async Task MeterAsync(CancellationToken cancellationToken)
    {
        _energyWh += 20;
        var payload = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"connectorId\":1,\"transactionId\":{_transactionId},\"meterValue\":[{{\"timestamp\":\"{Now()}\",\"sampledValue\":[" +
            $"{{\"value\":\"{_energyWh:0}\",\"measurand\":\"Energy.Active.Import.Register\",\"unit\":\"Wh\"}}," +
            $"{{\"value\":\"7.2\",\"measurand\":\"Power.Active.Import\",\"unit\":\"kW\"}}," +
            $"{{\"value\":\"31.4\",\"measurand\":\"Current.Import\",\"unit\":\"A\",\"phase\":\"L1\"}}," +
            $"{{\"value\":\"{50 + (_energyWh % 40):0}\",\"measurand\":\"SoC\",\"unit\":\"Percent\",\"location\":\"EV\"}}]}}]}}");
        var sent = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        await CallAsync("MeterValues", payload, cancellationToken);
        MeterLatencies.Add((sent, watch.Elapsed.TotalMilliseconds));
        MetersAcknowledged++;
    }

    private async Task<JsonElement> CallAsync(string action, string payload, CancellationToken cancellationToken)
    {
        var messageId = (++_nextId).ToString(CultureInfo.InvariantCulture);
        await _socket.SendAsync(Encoding.UTF8.GetBytes($"[2,\"{messageId}\",\"{action}\",{payload}]"), WebSocketMessageType.Text, true, cancellationToken);
        while (true)
        {
            var count = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(_buffer.AsMemory(count), cancellationToken);
                count += result.Count;
            }
            while (!result.EndOfMessage);

            using var frame = JsonDocument.Parse(_buffer.AsMemory(0, count));
            var root = frame.RootElement;
            if (root[1].GetString() != messageId)
            {
                continue;
            }

            if (root[0].GetInt32() == 4)
            {
                Errors++;
                throw new InvalidOperationException($"{id}: {action} refused with {root[2].GetString()}: {root[3].GetString()}");
            }

            return root[2].Clone();
        }
    }

    private static string Now() => DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
