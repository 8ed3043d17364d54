using System.Net;
using System.Net.Sockets;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using Quoalise.Adapters.Mqtt;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Options;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Adapters.Storage;
using Quoalise.IntegrationTests.Mqtt.Support;
using Quoalise.IntegrationTests.Support;

namespace Quoalise.IntegrationTests.Mqtt;

/// <summary>
/// The embedded broker (the default mode) on SQLite, fed by <c>mosquitto_pub</c> as a device would. mosquitto_pub
/// returns once its QoS 1 messages are acknowledged, and the adapter acknowledges after commit, so every check reads
/// the database right after publishing: no waiting.
/// </summary>
[NonParallelizable] // One component for the fixture; each test uses its own greenhouse numbers.
public class EmbeddedBrokerTests
{
    private const string Seed = """{"humiditeAmbiante": 65.3, "temperatureAmbiante": 22.1, "humiditeSol": 45.0}""";

    private MqttComponentHost _host = null!;
    private int _port;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var settings = MqttComponentHost.EmbeddedSettings(out _port);
        _host = await MqttComponentHost.StartAsync(settings);
        _host.ExpectErrors(CapturedLogs.WithEventId(MqttEventId.UnexpectedError));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task Readings_of_a_registered_bed_are_stored_per_sensor_with_distinct_sub_second_stamps_and_SenML_units()
    {
        await RegisterAsync(1, 1);

        await MosquittoPub.PublishAsync(_port, "serre/1/bac/1", Seed, repeat: 5);

        var air = await ReadAsync("urn:dev:quoalise:greenhouse:1:bed:1_humiditeAmbiante");
        var soil = await ReadAsync("urn:dev:quoalise:greenhouse:1:bed:1_humiditeSol");
        var temperature = await ReadAsync("urn:dev:quoalise:greenhouse:1:bed:1_temperatureAmbiante");
        air.Should().HaveCount(5).And.OnlyContain(p => p.Unit == "%RH" && p.Value == 65.3);
        soil.Should().HaveCount(5).And.OnlyContain(p => p.Unit == "%RH" && p.Value == 45.0);
        temperature.Should().HaveCount(5).And.OnlyContain(p => p.Unit == "Cel" && p.Value == 22.1);
        air.Select(p => p.Time).Should().OnlyHaveUniqueItems("five messages in well under a second stay five rows");
        (air[^1].Time - air[0].Time).Should().BeLessThan(TimeSpan.FromSeconds(5));
        temperature.Select(p => p.Time).Should().Equal(air.Select(p => p.Time), "one message, one stamp for all its sensors");
    }

    [Test]
    public async Task The_series_of_a_bed_are_in_the_catalogue_with_device_and_measurement_meta()
    {
        await RegisterAsync(2, 7);

        var series = await _host.Get<ISeriesCatalog>().FindAsync("urn:dev:quoalise:greenhouse:2:bed:7_temperatureAmbiante", CancellationToken.None);

        series.Should().NotBeNull();
        series!.Adapter.Should().Be("mqtt");
        series.Meta.Device!.Type.Should().Be("greenhouse-bed");
        series.Meta.Device.Identifiers.Select(i => (i.Type, i.Value)).Should().Equal(("greenhouse", "2"), ("bed", "7"));
        series.Meta.Measurement!.Name.Should().Be("temperatureAmbiante");
        series.Meta.Measurement.Quantity.Should().Be("air-temperature");
        series.Meta.Measurement.Unit.Should().Be("Cel");
    }

    [Test]
    public async Task An_unknown_bed_is_BAC_NOT_FOUND_and_nothing_is_stored()
    {
        await MosquittoPub.PublishAsync(_port, "serre/99/bac/98", Seed);

        (await _host.RecentIngestErrorsAsync(IngestErrorType.BedNotFound)).Should().Contain(e => e.Topic == "serre/99/bac/98" && e.PayloadExcerpt == Seed && e.Detail.Contains("not registered"));
        (await ReadAsync("urn:dev:quoalise:greenhouse:99:bed:98_humiditeSol")).Should().BeEmpty();
    }

    [Test]
    public async Task An_out_of_range_value_is_stored_clamped_and_VALUE_OUT_OF_RANGE_is_recorded_too()
    {
        await RegisterAsync(3, 1);

        await MosquittoPub.PublishAsync(_port, "serre/3/bac/1", """{"temperatureAmbiante": 95.5, "humiditeSol": -3}""");

        (await ReadAsync("urn:dev:quoalise:greenhouse:3:bed:1_temperatureAmbiante")).Should().ContainSingle().Which.Value.Should().Be(80);
        (await ReadAsync("urn:dev:quoalise:greenhouse:3:bed:1_humiditeSol")).Should().ContainSingle().Which.Value.Should().Be(0);
        var errors = await _host.RecentIngestErrorsAsync(IngestErrorType.ValueOutOfRange);
        errors.Should().Contain(e => e.Topic == "serre/3/bac/1" && e.Detail.Contains("'temperatureAmbiante' = 95.5 is outside -40 to 80 Cel; stored as 80"));
        errors.Should().Contain(e => e.Topic == "serre/3/bac/1" && e.Detail.Contains("'humiditeSol' = -3 is outside 0 to 100 %RH; stored as 0"));
    }

    [Test]
    public async Task An_unknown_sensor_is_UNKNOWN_SENSOR_and_the_known_ones_of_the_same_message_are_stored()
    {
        await RegisterAsync(4, 1);

        await MosquittoPub.PublishAsync(_port, "serre/4/bac/1", """{"co2": 400, "humiditeSol": 50}""");

        (await _host.RecentIngestErrorsAsync(IngestErrorType.UnknownSensor)).Should().Contain(e => e.Topic == "serre/4/bac/1" && e.Detail.Contains("'co2'"));
        (await ReadAsync("urn:dev:quoalise:greenhouse:4:bed:1_humiditeSol")).Should().ContainSingle().Which.Value.Should().Be(50);
    }

    [TestCase("not json", "is not JSON")]
    [TestCase("[1, 2]", "a JSON array, not an object")]
    [TestCase("{}", "empty object")]
    public async Task A_payload_that_is_not_a_JSON_object_of_sensors_is_INVALID_PAYLOAD(string payload, string detail)
    {
        await RegisterAsync(5, 1);

        await MosquittoPub.PublishAsync(_port, "serre/5/bac/1", payload);

        (await _host.RecentIngestErrorsAsync(IngestErrorType.InvalidPayload)).Should().Contain(e => e.PayloadExcerpt == payload && e.Detail.Contains(detail));
    }

    [Test]
    public async Task A_payload_over_the_size_limit_is_INVALID_PAYLOAD_with_a_bounded_excerpt()
    {
        var payload = "{\"humiditeSol\": " + new string('1', 5000) + "}";

        await MosquittoPub.PublishAsync(_port, "serre/5/bac/2", payload);

        var error = (await _host.RecentIngestErrorsAsync(IngestErrorType.InvalidPayload)).Single(e => e.Topic == "serre/5/bac/2");
        error.Detail.Should().Contain("more than Mqtt:MaxPayloadBytes (4096)");
        error.PayloadExcerpt.Length.Should().BeLessThanOrEqualTo(IngestError.MaxExcerptChars);
    }

    [Test]
    public async Task A_packet_over_MaxPacketBytes_closes_its_connection_only_and_the_broker_serves_on()
    {
        await RegisterAsync(5, 4);
        var oversized = new byte[MqttOptions.DefaultMaxPacketBytes];

        var publishing = () => MosquittoPub.PublishAsync(_port, "serre/5/bac/4", oversized, clientId: "oversized-5-4");

        await publishing.Should().ThrowAsync<InvalidOperationException>("the broker closes the connection instead of acknowledging");
        var refused = await _host.Logs.WaitForAsync(CapturedLogs.WithEventId(MqttEventId.PacketTooLarge), TimeSpan.FromSeconds(10));
        refused.RenderMessage().Should().Contain($"over Mqtt:MaxPacketBytes ({MqttOptions.DefaultMaxPacketBytes})");
        await _host.Logs.WaitForAsync(e => CapturedLogs.WithEventId(MqttEventId.IngestErrorRecorded)(e) && e.RenderMessage().Contains("oversized-5-4"), TimeSpan.FromSeconds(10));
        (await _host.RecentIngestErrorsAsync(IngestErrorType.MqttDisconnect)).Should().Contain(e => e.Topic == "oversized-5-4");
        await MosquittoPub.PublishAsync(_port, "serre/5/bac/4", Seed);
        (await ReadAsync("urn:dev:quoalise:greenhouse:5:bed:4_humiditeSol")).Should().ContainSingle();
    }

    [Test]
    public async Task An_MQTT_5_client_that_sends_a_packet_over_MaxPacketBytes_anyway_is_told_Packet_too_large_before_the_connection_closes()
    {
        // By hand: a conforming client (MQTTnet's, mosquitto's) refuses to send what the CONNACK forbids.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _port, timeout.Token);
        var stream = client.GetStream();
        byte[] connect = [0x00, 0x04, .. "MQTT"u8, 5, 0x02, 0x00, 0x3C, 0x00, 0x00, 0x0C, .. "oversized-v5"u8]; // MQTT 5, clean start, 60 s
        byte[] connectPacket = [0x10, (byte)connect.Length, .. connect];
        await stream.WriteAsync(connectPacket, timeout.Token);
        (await ReadPacketAsync(stream, timeout.Token)).Type.Should().Be(0x20, "a CONNACK comes first");

        // A QoS 1 PUBLISH whose header announces one byte over the limit (1 type byte + 3 length bytes + the rest).
        var remaining = MqttOptions.DefaultMaxPacketBytes - 3;
        await stream.WriteAsync(new byte[] { 0x32, (byte)(remaining % 128 | 0x80), (byte)(remaining / 128 % 128 | 0x80), (byte)(remaining / 16384), 0x00, 0x01, (byte)'t' }, timeout.Token);

        var (type, body) = await ReadPacketAsync(stream, timeout.Token);
        type.Should().Be(0xE0, "a DISCONNECT");
        body[0].Should().Be(0x95, "reason code Packet too large (MQTT 5 §3.14.2.1)");
        (await stream.ReadAsync(new byte[1], timeout.Token)).Should().Be(0, "then the broker closes the connection");
    }

    [Test]
    public async Task An_MQTT_5_client_is_told_MaxPacketBytes_in_its_CONNACK_and_an_MQTT_3_1_1_one_connects_as_before()
    {
        using var v5 = new MqttClientFactory().CreateMqttClient();
        using var v311 = new MqttClientFactory().CreateMqttClient();

        var v5Result = await v5.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port).WithProtocolVersion(MqttProtocolVersion.V500).Build());
        var v311Result = await v311.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port).WithProtocolVersion(MqttProtocolVersion.V311).Build());

        v5Result.MaximumPacketSize.Should().Be((uint)MqttOptions.DefaultMaxPacketBytes);
        v311Result.ResultCode.Should().Be(MqttClientConnectResultCode.Success);
        await v5.DisconnectAsync();
        await v311.DisconnectAsync();
    }

    [Test]
    public async Task A_value_that_is_not_a_number_is_INVALID_VALUE()
    {
        await RegisterAsync(6, 1);

        await MosquittoPub.PublishAsync(_port, "serre/6/bac/1", """{"humiditeSol": "45", "temperatureAmbiante": 20}""");

        (await _host.RecentIngestErrorsAsync(IngestErrorType.InvalidValue)).Should().Contain(e => e.Topic == "serre/6/bac/1" && e.Detail.Contains("'humiditeSol' is the string \"45\", not a number"));
        (await ReadAsync("urn:dev:quoalise:greenhouse:6:bed:1_temperatureAmbiante")).Should().ContainSingle();
    }

    [Test]
    public async Task A_payload_that_is_not_UTF_8_is_INVALID_ENCODING_with_its_bytes_escaped()
    {
        await MosquittoPub.PublishAsync(_port, "serre/7/bac/1", [0x7B, 0xFF, 0xFE, 0x7D]);

        (await _host.RecentIngestErrorsAsync(IngestErrorType.InvalidEncoding)).Should().Contain(e => e.Topic == "serre/7/bac/1" && e.PayloadExcerpt == "{\\xFF\\xFE}");
    }

    [Test]
    public async Task A_controller_goes_online_then_offline_through_its_Last_Will_and_the_lost_connection_is_MQTT_DISCONNECT()
    {
        const string mac = "24:D7:EB:38:DC:38";
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _port)
            .WithClientId("controller-test")
            .WithWillTopic($"controleur/{mac}/disconnect")
            .WithWillQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        await client.PublishStringAsync($"controleur/{mac}", """{"ip": "192.168.42.85", "status": true}""", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);

        var online = (await _host.Get<IControllerStore>().ListAsync(CancellationToken.None)).Single(c => c.Mac == mac);
        online.Should().Match<Controller>(c => c.Online && c.Ip == "192.168.42.85" && c.LastSeen != null);

        // A power cut: the socket closes without DISCONNECT, and the broker publishes the Last Will.
        client.Dispose();
        await _host.Logs.WaitForAsync(e => CapturedLogs.WithEventId(MqttEventId.ControllerOffline)(e) && e.RenderMessage().Contains(mac), TimeSpan.FromSeconds(10));
        await _host.Logs.WaitForAsync(e => CapturedLogs.WithEventId(MqttEventId.IngestErrorRecorded)(e) && e.RenderMessage().Contains("controller-test"), TimeSpan.FromSeconds(10));

        var offline = (await _host.Get<IControllerStore>().ListAsync(CancellationToken.None)).Single(c => c.Mac == mac);
        offline.Online.Should().BeFalse();
        offline.Ip.Should().Be("192.168.42.85", "the Last Will changes the status only");
        offline.Changed.Should().BeOnOrAfter(online.Changed);
    }

    [Test]
    public async Task A_malformed_controller_announcement_is_INVALID_PAYLOAD_or_INVALID_VALUE()
    {
        await MosquittoPub.PublishAsync(_port, "controleur/AA:BB:CC:DD:EE:01", """{"ip": "192.168.1.2"}""");
        await MosquittoPub.PublishAsync(_port, "controleur/AA:BB:CC:DD:EE:02", """{"ip": "192.168.1.2", "status": "yes"}""");
        await MosquittoPub.PublishAsync(_port, "controleur/not-a-mac", """{"ip": "192.168.1.2", "status": true}""");

        (await _host.RecentIngestErrorsAsync(IngestErrorType.InvalidPayload)).Should().Contain(e => e.Topic == "controleur/AA:BB:CC:DD:EE:01" && e.Detail.Contains("lacks the field"));
        var invalid = await _host.RecentIngestErrorsAsync(IngestErrorType.InvalidValue);
        invalid.Should().Contain(e => e.Topic == "controleur/AA:BB:CC:DD:EE:02" && e.Detail.Contains("'status'"));
        invalid.Should().Contain(e => e.Topic == "controleur/not-a-mac" && e.Detail.Contains("not a MAC address"));
    }

    [Test]
    public async Task Other_topics_pass_through_the_broker_to_their_subscribers_untouched()
    {
        using var subscriber = new MqttClientFactory().CreateMqttClient();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port).Build());
        await subscriber.SubscribeAsync("dashboard/#", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);

        await MosquittoPub.PublishAsync(_port, "dashboard/hello", "world");

        (await received.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be("world");
        await subscriber.DisconnectAsync();
    }

    private Task RegisterAsync(int greenhouse, int bed) =>
        _host.Get<BedDirectory>().RegisterAsync(new Bed(greenhouse, bed, null, DateTimeOffset.UtcNow, "tests@localhost"), CancellationToken.None);

    private async Task<IReadOnlyList<Quoalise.Protocol.Quoalise.SenMLRecord>> ReadAsync(string identifier) =>
        (await _host.Get<ISeriesReader>().ReadAsync(new SeriesQuery(identifier, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), 1000), CancellationToken.None)).Points;

    /// <summary>One MQTT packet: its first byte, then as many bytes as its remaining length says.</summary>
    private static async Task<(byte Type, byte[] Body)> ReadPacketAsync(Stream stream, CancellationToken cancellationToken)
    {
        var one = new byte[1];
        await stream.ReadExactlyAsync(one, cancellationToken);
        var type = one[0];
        int length = 0, multiplier = 1;
        do
        {
            await stream.ReadExactlyAsync(one, cancellationToken);
            length += (one[0] & 0x7F) * multiplier;
            multiplier *= 128;
        }
        while ((one[0] & 0x80) != 0);

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return (type, body);
    }
}
