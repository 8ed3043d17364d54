using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.IntegrationTests.Ocpp;

/// <summary>
/// The OCPP-J transport: handshake refusals (unknown id, wrong key, no subprotocol), a reconnection
/// replacing the old socket, and malformed frames each answered with the right CALLERROR while the
/// connection stays up.
/// </summary>
[NonParallelizable] // One component shared by the fixture's tests.
public class ConnectionTests : OcppFixture
{
    [Test]
    public async Task An_unknown_charge_point_gets_404_and_a_wrong_key_or_username_401()
    {
        var id = await RegisterAsync();

        var unknown = async () => await Unconnected("NOT-REGISTERED-" + id[3..]).OpenAsync(Endpoint, ["ocpp1.6"], Key);
        var wrongKey = async () => await Unconnected(id).OpenAsync(Endpoint, ["ocpp1.6"], "wrong-key-wrong-key");
        var noKey = async () => await Unconnected(id).OpenAsync(Endpoint, ["ocpp1.6"]);

        (await unknown.Should().ThrowAsync<ChargePointException>()).Which.HttpStatus.Should().Be(404);
        (await wrongKey.Should().ThrowAsync<ChargePointException>()).Which.HttpStatus.Should().Be(401);
        (await noKey.Should().ThrowAsync<ChargePointException>()).Which.HttpStatus.Should().Be(401);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Host.BaseAddress, "/ocpp/" + id));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"someone-else:{Key}")));
        (await client.SendAsync(request)).StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest, "a plain GET is no WebSocket upgrade");
    }

    [Test]
    public async Task An_id_too_long_for_series_names_is_refused_with_400()
    {
        // 20 characters, 60 bytes of UTF-8: 180 characters in series names, where 144 are allowed.
        var id = string.Concat(Enumerable.Repeat("充電", 10));

        var refused = async () => await Unconnected(id).OpenAsync(Endpoint, ["ocpp1.6"], Key);

        (await refused.Should().ThrowAsync<ChargePointException>()).Which.HttpStatus.Should().Be(400);
    }

    [Test]
    public async Task Without_a_subprotocol_of_ours_the_handshake_completes_then_the_socket_closes_with_1002()
    {
        var id = await RegisterAsync(securityProfile: 0);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(Endpoint + "/" + id), CancellationToken.None);
        var buffer = new byte[256];

        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);

        socket.SubProtocol.Should().BeNull();
        received.MessageType.Should().Be(WebSocketMessageType.Close);
        socket.CloseStatus.Should().Be(WebSocketCloseStatus.ProtocolError);
        socket.CloseStatusDescription.Should().Contain("ocpp1.6");

        var onlyOld = async () => await Unconnected(id).OpenAsync(Endpoint, ["ocpp1.5"]);
        (await onlyOld.Should().ThrowAsync<ChargePointException>()).Which.Message.Should().Contain("subprotocol");
    }

    [Test]
    public async Task The_charge_points_preference_decides_the_version()
    {
        var id = await RegisterAsync();

        var chargePoint = await OcppChargePoint.ConnectAsync(Endpoint, id, password: Key, protocols: ["ocpp2.0.1", "ocpp1.6"]);
        await using (chargePoint)
        {
            chargePoint.Protocol.Should().Be("ocpp2.0.1");
        }
    }

    [Test]
    public async Task A_second_connection_for_the_same_id_replaces_the_first_which_is_closed()
    {
        var id = await RegisterAsync();
        var first = await BootAsync(id);

        var second = await ConnectAsync(id);
        var closed = await first.NextCloseAsync(TimeSpan.FromSeconds(10));
        var heartbeat = await second.CallAsync("Heartbeat", new { });

        closed.Should().NotBeNull("the old socket is closed by the central system");
        closed!.Value.Code.Should().Be(1008);
        heartbeat.GetProperty("currentTime").GetString().Should().NotBeNull("the new connection carries on without a new boot");
    }

    [Test]
    public async Task Malformed_frames_get_the_matching_call_error_and_the_connection_stays_up()
    {
        var id = await RegisterAsync();
        var chargePoint = await BootAsync(id);

        Task<JsonElement> Answer(string frame, string messageId = "-1") => chargePoint.AnswerToRawAsync(frame, messageId);

        var notJson = await Answer("this is not json");
        var notArray = await Answer("{\"a\":1}");
        var unknownAction = await Answer("[2,\"m-1\",\"FlyToTheMoon\",{}]", "m-1");
        var invalidPayload = await Answer("[2,\"m-2\",\"Heartbeat\",{\"unexpected\":true}]", "m-2");
        var missingField = await Answer("[2,\"m-3\",\"Authorize\",{}]", "m-3");
        var wrongType = await Answer("[2,\"m-4\",\"StatusNotification\",{\"connectorId\":\"one\",\"errorCode\":\"NoError\",\"status\":\"Available\"}]", "m-4");
        var badEnum = await Answer("[2,\"m-5\",\"StatusNotification\",{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Flying\"}]", "m-5");
        var nullPayload = await Answer("[2,\"m-6\",\"Heartbeat\",null]", "m-6");
        var idTooLong = await Answer($"[2,\"{new string('x', 40)}\",\"Heartbeat\",{{}}]");
        await chargePoint.SendRawAsync("[9,\"m-7\",\"Heartbeat\",{}]");
        var stillUp = await chargePoint.CallAsync("Heartbeat", new { });

        notJson.EnumerateArray().Take(3).Select(e => e.ToString()).Should().Equal("4", "-1", "FormationViolation");
        notArray[2].GetString().Should().Be("FormationViolation");
        unknownAction[1].GetString().Should().Be("m-1");
        unknownAction[2].GetString().Should().Be("NotImplemented");
        invalidPayload[2].GetString().Should().Be("FormationViolation");
        missingField[2].GetString().Should().Be("OccurenceConstraintViolation", "1.6 keeps its typo");
        wrongType[2].GetString().Should().Be("TypeConstraintViolation");
        badEnum[2].GetString().Should().Be("PropertyConstraintViolation");
        badEnum[3].GetString().Should().Contain("#/status");
        nullPayload[0].GetInt32().Should().Be(3, "a null payload reads as {}");
        idTooLong[1].GetString().Should().Be("-1");
        stillUp.GetProperty("currentTime").GetString().Should().NotBeNull("an unknown MessageTypeId is ignored on 1.6 and the socket stays open");
    }

    [Test]
    public async Task On_2_0_1_the_error_codes_use_the_corrected_spellings_and_an_unknown_message_type_is_answered()
    {
        var id = await RegisterAsync();
        var chargePoint = await BootAsync(id, "ocpp2.0.1");

        Task<JsonElement> Answer(string frame, string messageId = "-1") => chargePoint.AnswerToRawAsync(frame, messageId);

        (await Answer("not json"))[2].GetString().Should().Be("RpcFrameworkError");
        (await Answer("[2,\"a\",\"Authorize\",{}]", "a"))[2].GetString().Should().Be("OccurrenceConstraintViolation");
        (await Answer("[2,\"b\",\"Heartbeat\",{\"x\":1}]", "b"))[2].GetString().Should().Be("FormatViolation");
        (await Answer("[9,\"c\",\"Heartbeat\",{}]", "c"))[2].GetString().Should().Be("MessageTypeNotSupported");
    }

    [Test]
    public async Task A_message_over_the_size_limit_closes_the_connection_with_1009()
    {
        var id = await RegisterAsync();
        var chargePoint = await BootAsync(id);

        await chargePoint.SendRawAsync($"[2,\"big\",\"DataTransfer\",{{\"vendorId\":\"x\",\"data\":\"{new string('a', 70_000)}\"}}]");
        var closed = await chargePoint.NextCloseAsync(TimeSpan.FromSeconds(10));

        closed.Should().NotBeNull();
        closed!.Value.Code.Should().Be(1009);
        (await Get<ChargePointStore>().FindAsync(id, CancellationToken.None))!.BootStatus.Should().Be("Accepted");
    }
}
