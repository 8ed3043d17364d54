using System.Text;
using Quoalise.Adapters.Ocpp.Rpc;

namespace Quoalise.Adapters.Ocpp.Tests.Rpc;

public class RpcFrameReaderTests
{
    [Test]
    public void A_call_gives_its_id_action_and_payload()
    {
        var frame = Read("[2,\"19223201\",\"BootNotification\",{\"chargePointVendor\":\"VendorX\"}]").Frame;

        var call = frame.Should().BeOfType<CallFrame>().Subject;
        call.MessageId.Should().Be("19223201");
        call.Action.Should().Be("BootNotification");
        call.Payload.GetProperty("chargePointVendor").GetString().Should().Be("VendorX");
    }

    [Test]
    public void A_null_payload_reads_as_the_empty_object()
    {
        var call = (CallFrame)Read("[2,\"1\",\"Heartbeat\",null]").Frame!;

        call.Payload.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Object);
        call.Payload.EnumerateObject().Should().BeEmpty();
    }

    [Test]
    public void Results_and_errors_are_read_with_their_ids()
    {
        Read("[3,\"a\",{\"status\":\"Accepted\"}]").Frame.Should().BeOfType<CallResultFrame>().Which.Payload.GetProperty("status").GetString().Should().Be("Accepted");
        Read("[4,\"b\",\"NotImplemented\",\"no\",{}]").Frame.Should().Be(new CallErrorFrame("b", "NotImplemented", "no"));
        Read("[4,\"c\",\"GenericError\",\"\"]").Frame.Should().Be(new CallErrorFrame("c", "GenericError", ""), "errorDetails missing is tolerated");
    }

    [TestCase("not json", null, "The message is not JSON.")]
    [TestCase("{\"a\":1}", null, "An OCPP-J message is a JSON array [MessageTypeId, MessageId, …].")]
    [TestCase("[2,\"x\"]", null, "An OCPP-J message is a JSON array [MessageTypeId, MessageId, …].")]
    [TestCase("[\"2\",\"x\",\"Heartbeat\",{}]", "x", "The first element must be the MessageTypeId 2, 3 or 4.")]
    [TestCase("[2,17,\"Heartbeat\",{}]", null, "The MessageId must be a string.")]
    [TestCase("[2,\"\",\"Heartbeat\",{}]", null, "The MessageId must be 1 to 36 characters long.")]
    [TestCase("[2,\"x\",\"Heartbeat\",{},1]", "x", "A CALL has exactly 4 elements: [2, MessageId, Action, Payload].")]
    [TestCase("[2,\"x\",\"\",{}]", "x", "The Action of a CALL must be a non-empty string.")]
    [TestCase("[2,\"x\",\"Heartbeat\",[]]", "x", "The payload of a CALL must be a JSON object.")]
    public void A_broken_frame_says_what_is_wrong_and_keeps_a_readable_id(string message, string? id, string problem)
    {
        var result = Read(message);

        result.Frame.Should().BeNull();
        result.Problem.Should().Be(problem);
        result.MessageId.Should().Be(id);
        result.IsAnswer.Should().BeFalse();
    }

    [Test]
    public void A_message_id_over_36_characters_is_unreadable()
    {
        Read($"[2,\"{new string('x', 37)}\",\"Heartbeat\",{{}}]").MessageId.Should().BeNull();
        Read($"[2,\"{new string('x', 36)}\",\"Heartbeat\",{{}}]").Frame.Should().NotBeNull();
    }

    [Test]
    public void An_unknown_message_type_is_flagged_with_its_id()
    {
        var result = Read("[9,\"m\",\"Heartbeat\",{}]");

        result.UnknownMessageType.Should().BeTrue();
        result.MessageId.Should().Be("m");
    }

    [Test]
    public void A_broken_answer_is_flagged_so_that_it_is_never_answered()
    {
        Read("[3,\"r\",\"not an object\"]").IsAnswer.Should().BeTrue();
        Read("[4,\"r\",1,2,{}]").IsAnswer.Should().BeTrue();
    }

    [Test]
    public void Frames_written_read_back_the_same()
    {
        var payload = new System.Text.Json.Nodes.JsonObject { ["status"] = "Accepted" };

        ((CallFrame)Read(Encoding.UTF8.GetString(RpcFrameWriter.Call("id-1", "Reset", payload))).Frame!).Action.Should().Be("Reset");
        Encoding.UTF8.GetString(RpcFrameWriter.CallResult("id-2", payload)).Should().Be("[3,\"id-2\",{\"status\":\"Accepted\"}]");
        Encoding.UTF8.GetString(RpcFrameWriter.CallError("id-3", new OcppError("NotSupported", "no"))).Should().Be("[4,\"id-3\",\"NotSupported\",\"no\",{}]");
    }

    private static RpcParseResult Read(string message)
    {
        var result = RpcFrameReader.Read(Encoding.UTF8.GetBytes(message), out _);
        return result;
    }
}
