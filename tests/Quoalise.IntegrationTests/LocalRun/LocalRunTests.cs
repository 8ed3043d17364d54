using System.Net.Sockets;
using Quoalise.IntegrationTests.Mqtt.Support;
using Quoalise.IntegrationTests.Ocpp;
using Quoalise.IntegrationTests.Support;
using Quoalise.Protocol.Quoalise;
using Quoalise.Testing.Xml;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.LocalRun;

/// <summary>
/// The README's first command keeps its promise: Prosody and the component on embedded defaults, Gajim's
/// instructions, readings from <c>mosquitto_pub</c> and a charging session from an <c>ocpp-rpc</c> charge point
/// fetched and pushed over XMPP as the demo account, and stopping the script (its Ctrl-C trap) stopping everything.
/// </summary>
[NonParallelizable] // One script run shared by the ordered tests below.
public class LocalRunTests
{
    private const string Component = "quoalise.localhost";
    private const string Temperature = "urn:dev:quoalise:greenhouse:1:bed:1_temperatureAmbiante";

    private LocalRunScript _script = null!;
    private SlixmppClient _demo = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _script = new LocalRunScript();
        await _script.StartAsync();
        _demo = await SlixmppClient.ConnectAsync("demo@localhost", _script.DemoPassword, _script.C2sPort);
        await _demo.SetPresenceAsync(1);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_demo is not null)
        {
            await _demo.DisposeAsync();
        }

        await _script.DisposeAsync();
    }

    [Test, Order(1)]
    public void It_prints_how_to_connect_with_gajim_and_where_devices_connect()
    {
        _script.Output.Should().Contain($"log in as  demo@localhost  with the password  {_script.DemoPassword}")
            .And.Contain($"port {_script.C2sPort}")
            .And.Contain("Discover Services → quoalise.localhost → Commands")
            .And.Contain($"mosquitto_pub -h 127.0.0.1 -p {_script.MqttPort}")
            .And.Contain($"ws://127.0.0.1:{_script.HttpPort}/ocpp/<its id>");
    }

    [Test, Order(2)]
    public async Task Readings_published_with_mosquitto_pub_are_fetched_with_get_history_and_pushed_to_a_subscriber()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var registered = new CommandReply(await _demo.ExecuteCommandAsync(Component, "register_bed", Fields.Of(("greenhouse", "1"), ("bed", "1"), ("label", "Demo"))));
        registered.Status.Should().Be("completed", registered.ToString());
        var subscribed = new CommandReply(await _demo.ExecuteCommandAsync(Component, "subscribe", Fields.Of(("identifier", Temperature))));
        subscribed.Status.Should().Be("completed", subscribed.ToString());

        await MosquittoPub.PublishAsync(_script.MqttPort, "serre/1/bac/1", """{"humiditeAmbiante": 65.3, "temperatureAmbiante": 22.1, "humiditeSol": 45.0}""");
        var pushed = await _demo.NextDataMessageAsync();
        await _demo.ExecuteCommandAsync(Component, "unsubscribe", Fields.Of(("identifier", Temperature)));

        QuoalisePayloadCodec.Read(pushed.Elements().Single(e => e.Name.LocalName == "quoalise")).Single().Records.Single()
            .Should().Match<SenMLRecord>(r => r.Name == Temperature && r.Value == 22.1 && r.Unit == "Cel");
        var history = new CommandReply(await _demo.ExecuteCommandAsync(Component, "get_history", Fields.Of(
            ("identifier", Temperature), ("start_time", IsoTime.Of(since)), ("end_time", IsoTime.Of(DateTimeOffset.UtcNow.AddMinutes(1))))));
        history.Status.Should().Be("completed", history.ToString());
        SchemaValidation.AssertPayloadsValid(history.Command!);
        QuoalisePayloadCodec.Read(history.Quoalise!).Single().Records.Select(r => r.Value).Should().Equal(22.1);
    }

    [Test, Order(3)]
    public async Task An_ocpp_rpc_charge_point_completes_a_session_whose_energy_curve_and_session_come_over_xmpp()
    {
        const string id = "CP-LOCAL-1";
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-20);
        await using (var chargePoint = await OcppChargePoint.ConnectAsync(_script.OcppEndpoint, id))
        {
            var boot = await chargePoint.CallAsync("BootNotification", new { chargePointVendor = "Quoalise", chargePointModel = "ocpp-rpc" });
            boot.GetProperty("status").GetString().Should().Be("Accepted");
            var authorized = await chargePoint.CallAsync("Authorize", new { idTag = "DEMO-TAG" });
            authorized.GetProperty("idTagInfo").GetProperty("status").GetString().Should().Be("Accepted");
            var start = await chargePoint.CallAsync("StartTransaction", new { connectorId = 1, idTag = "DEMO-TAG", meterStart = 0, timestamp = IsoTime.Of(t0) });
            var transactionId = start.GetProperty("transactionId").GetInt32();
            await chargePoint.MeterEnergyAsync(transactionId, t0.AddMinutes(5), 1500);
            await chargePoint.MeterEnergyAsync(transactionId, t0.AddMinutes(10), 3000);

            await chargePoint.CallAsync("StopTransaction", new { transactionId, meterStop = 4000, timestamp = IsoTime.Of(t0.AddMinutes(15)), reason = "EVDisconnected" });
        }

        var history = await EnergyHistoryAsync($"urn:dev:ocpp:{id}:1_energy", t0);
        SchemaValidation.AssertPayloadsValid(history.Command!);
        QuoalisePayloadCodec.Read(history.Quoalise!).Single().Records.Select(r => r.Value).Should().Equal(0, 1500, 3000, 4000);

        var sessions = new CommandReply(await _demo.ExecuteCommandAsync(Component, "get_charging_sessions", Fields.Of(
            ("charge_point", id), ("start_time", IsoTime.Of(t0.AddHours(-1))), ("end_time", IsoTime.Of(t0.AddHours(1))), ("format", "table"))));
        sessions.Status.Should().Be("completed", sessions.ToString());
        var row = sessions.Form.Items.Single().ToDictionary(f => f.Var!, f => f.Value);
        row["energy_wh"].Should().Be("4000");
        row["stop_reason"].Should().Be("EVDisconnected");
        row["state"].Should().Be("ended");
    }

    [Test, Order(4)]
    public async Task Stopping_the_script_stops_the_component_and_prosody_and_frees_every_port()
    {
        await _script.StopAsync(TimeSpan.FromSeconds(60));

        _script.IsRunning.Should().BeFalse();
        _script.Output.Should().Contain("Stopped.");
        foreach (var port in new[] { _script.C2sPort, _script.ComponentPort, _script.HttpPort, _script.MqttPort })
        {
            var connect = () => new TcpClient().ConnectAsync("127.0.0.1", port);
            await connect.Should().ThrowAsync<SocketException>($"nothing listens on {port} any more");
        }
    }

    // The series appears once the adapter has registered it, off the charge point's acknowledgement path.
    private async Task<CommandReply> EnergyHistoryAsync(string energy, DateTimeOffset t0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var history = new CommandReply(await _demo.ExecuteCommandAsync(Component, "get_history", Fields.Of(
                ("identifier", energy), ("start_time", IsoTime.Of(t0.AddMinutes(-1))), ("end_time", IsoTime.Of(t0.AddHours(1))))));
            if (history.Status == "completed" || DateTime.UtcNow > deadline)
            {
                history.Status.Should().Be("completed", history.ToString());
                return history;
            }

            await Task.Delay(200);
        }
    }
}
