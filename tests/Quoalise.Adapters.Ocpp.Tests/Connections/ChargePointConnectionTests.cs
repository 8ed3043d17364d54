using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Quoalise.Adapters.Ocpp.Connections;
using Quoalise.Adapters.Ocpp.Messages;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Testing.Streams;

namespace Quoalise.Adapters.Ocpp.Tests.Connections;

/// <summary>A connection over an in-memory pipe, the test playing the charge point frame by frame.</summary>
public class ChargePointConnectionTests
{
    private WebSocket _chargePoint = null!;
    private ChargePointConnection _connection = null!;
    private ScriptedDispatcher _dispatcher = null!;
    private CancellationTokenSource _stop = null!;
    private Task _running = null!;

    [SetUp]
    public void Connect()
    {
        var (client, server) = DuplexPipe.CreatePair();
        _chargePoint = WebSocket.CreateFromStream(client, new WebSocketCreationOptions { IsServer = false });
        var socket = WebSocket.CreateFromStream(server, new WebSocketCreationOptions { IsServer = true });
        _dispatcher = new ScriptedDispatcher();
        _connection = new ChargePointConnection(
            "CP1", OcppVersion.V16, accepted: true, socket, _dispatcher, new ConnectionSettings(4096, 1000, 1000, TimeSpan.FromMilliseconds(500), 1), TimeProvider.System, NullLogger.Instance);
        _stop = new CancellationTokenSource();
        _running = _connection.RunAsync(_stop.Token);
    }

    [TearDown]
    public async Task DisconnectAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
        _chargePoint.Dispose();
        _stop.Dispose();
    }

    [Test]
    public async Task A_call_is_answered_with_its_message_id()
    {
        await SendAsync("[2,\"m1\",\"Heartbeat\",{}]");

        (await ReceiveAsync()).Should().Be("[3,\"m1\",{\"currentTime\":\"now\"}]");
        _dispatcher.Actions.Should().Equal("Heartbeat");
    }

    [Test]
    public async Task A_handler_failure_is_an_internal_error_and_the_next_call_is_served()
    {
        _dispatcher.Fail = true;
        await SendAsync("[2,\"m1\",\"Heartbeat\",{}]");
        var error = await ReceiveAsync();
        _dispatcher.Fail = false;
        await SendAsync("[2,\"m2\",\"Heartbeat\",{}]");

        error.Should().Be("[4,\"m1\",\"InternalError\",\"Heartbeat could not be processed now; retry later.\",{}]");
        (await ReceiveAsync()).Should().StartWith("[3,\"m2\"");
    }

    [Test]
    public async Task A_malformed_frame_gets_a_call_error_and_the_connection_stays_up()
    {
        await SendAsync("[2,\"m1\",\"Heartbeat\"]");
        var error = await ReceiveAsync();
        await SendAsync("[2,\"m2\",\"Heartbeat\",{}]");

        error.Should().Be("[4,\"m1\",\"FormationViolation\",\"A CALL has exactly 4 elements: [2, MessageId, Action, Payload].\",{}]");
        (await ReceiveAsync()).Should().StartWith("[3,\"m2\"");
    }

    [Test]
    public async Task Our_calls_go_one_at_a_time_and_each_gets_its_own_answer()
    {
        var first = _connection.CallAsync("Reset", new JsonObject { ["type"] = "Soft" }, CancellationToken.None);
        var second = _connection.CallAsync("UnlockConnector", new JsonObject { ["connectorId"] = 1 }, CancellationToken.None);
        var third = await _connection.CallAsync("ClearCache", [], CancellationToken.None);

        var call = JsonNode.Parse(await ReceiveAsync())!.AsArray();
        call[2]!.GetValue<string>().Should().Be("Reset");
        second.IsCompleted.Should().BeFalse("the second call waits for the first to be answered");
        third.Kind.Should().Be(CallOutcomeKind.Busy, "one call may wait behind the outstanding one");
        await SendAsync("[3,\"not-ours\",{}]");
        await SendAsync($"[3,\"{call[1]}\",{{\"status\":\"Accepted\"}}]");
        var unlock = JsonNode.Parse(await ReceiveAsync())!.AsArray();
        await SendAsync($"[4,\"{unlock[1]}\",\"NotSupported\",\"no lock\",{{}}]");

        (await first).Payload.GetProperty("status").GetString().Should().Be("Accepted");
        var refused = await second;
        refused.Kind.Should().Be(CallOutcomeKind.Error);
        refused.Error.Should().Be(new OcppError("NotSupported", "no lock"));
    }

    [Test]
    public async Task A_call_without_answer_times_out_and_frees_the_connection_for_the_next()
    {
        var silent = await _connection.CallAsync("Reset", [], CancellationToken.None);
        await ReceiveAsync();
        var next = _connection.CallAsync("Reset", [], CancellationToken.None);
        var call = JsonNode.Parse(await ReceiveAsync())!.AsArray();
        await SendAsync($"[3,\"{call[1]}\",{{\"status\":\"Accepted\"}}]");

        silent.Kind.Should().Be(CallOutcomeKind.Timeout);
        (await next).Kind.Should().Be(CallOutcomeKind.Result);
    }

    [Test]
    public async Task A_charge_point_going_away_ends_the_pending_call_as_offline()
    {
        var pending = _connection.CallAsync("Reset", [], CancellationToken.None);
        await ReceiveAsync();

        await _chargePoint.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);

        (await pending).Kind.Should().Be(CallOutcomeKind.Offline);
        await _running.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Test]
    public async Task An_over_sized_message_closes_with_1009()
    {
        await SendAsync($"[2,\"m\",\"DataTransfer\",{{\"data\":\"{new string('x', 5000)}\"}}]");

        var buffer = new byte[1024];
        var received = await _chargePoint.ReceiveAsync(buffer, CancellationToken.None);

        received.MessageType.Should().Be(WebSocketMessageType.Close);
        _chargePoint.CloseStatus.Should().Be(WebSocketCloseStatus.MessageTooBig);
    }

    private Task SendAsync(string frame) => _chargePoint.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task<string> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var buffer = new byte[8192];
        var result = await _chargePoint.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    private sealed class ScriptedDispatcher : ICallDispatcher
    {
        public List<string> Actions { get; } = [];

        public bool Fail { get; set; }

        public Task<CallReply> DispatchAsync(ChargePointConnection connection, CallFrame call, DateTimeOffset receivedAt, CancellationToken cancellationToken)
        {
            Actions.Add(call.Action);
            return Fail ? throw new InvalidOperationException("scripted failure") : Task.FromResult(CallReply.Of(new JsonObject { ["currentTime"] = "now" }));
        }
    }
}
