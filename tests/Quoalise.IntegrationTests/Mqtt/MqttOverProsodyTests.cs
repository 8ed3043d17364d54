using System.Globalization;
using System.Xml.Linq;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.IntegrationTests.Mqtt.Support;
using Quoalise.IntegrationTests.Support;
using Quoalise.Protocol.Quoalise;
using Quoalise.Testing.Servers;
using Quoalise.Testing.Xml;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Mqtt;

/// <summary>
/// The whole path of issue 4 with real programs at both ends: mosquitto_pub publishes to the component's embedded
/// broker, and slixmpp clients (and the Python quoalise CLI) behind a real Prosody read the readings back with
/// <c>get_history</c>, receive them live after <c>subscribe</c>, and run the adapter's own commands.
/// </summary>
[NonParallelizable] // One Prosody, one component and three clients shared by the fixture's tests.
public class MqttOverProsodyTests
{
    private const string Component = "quoalise.localhost";
    private const string Seed = """{"humiditeAmbiante": 65.3, "temperatureAmbiante": 22.1, "humiditeSol": 45.0}""";

    private ProsodyServer _prosody = null!;
    private MqttComponentHost _host = null!;
    private SlixmppClient _admin = null!;
    private SlixmppClient _reader = null!;
    private int _port;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _prosody = new ProsodyServer();
        var component = _prosody.AddComponent(Component);
        await _prosody.StartAsync();
        foreach (var user in new[] { "admin", "reader" })
        {
            await _prosody.RegisterUserAsync(user, user + "-pw");
        }

        var settings = MqttComponentHost.EmbeddedSettings(out _port);
        MqttComponentHost.AddXmpp(settings, _prosody, component);
        settings["Access:Admins:0"] = "admin@localhost";
        settings["Access:Grants:0:Subject"] = "reader@localhost";
        settings["Access:Grants:0:Series:0"] = "urn:dev:quoalise:greenhouse:1:*";
        _host = await MqttComponentHost.StartAsync(settings, waitOnline: true);
        _admin = await SlixmppClient.ConnectAsync("admin@localhost", "admin-pw", _prosody.C2sPort);
        _reader = await SlixmppClient.ConnectAsync("reader@localhost", "reader-pw", _prosody.C2sPort);
        await _reader.SetPresenceAsync(1);
        foreach (var (greenhouse, bed) in new[] { (1, 1), (1, 2), (2, 1) })
        {
            var registered = new CommandReply(await _admin.ExecuteCommandAsync(Component, "register_bed", Fields.Of(("greenhouse", $"{greenhouse}"), ("bed", $"{bed}"))));
            registered.Status.Should().Be("completed", registered.ToString());
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var client in new[] { _admin, _reader })
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _prosody.DisposeAsync();
    }

    [Test]
    public async Task Readings_published_with_mosquitto_pub_come_back_from_get_history_as_quoalise_with_meta()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        await MosquittoPub.PublishAsync(_port, "serre/1/bac/1", Seed, repeat: 3);

        var reply = new CommandReply(await _reader.ExecuteCommandAsync(Component, "get_history", Range("urn:dev:quoalise:greenhouse:1:bed:1_temperatureAmbiante", start)));

        reply.Status.Should().Be("completed", reply.ToString());
        reply.Field("result").Should().Be("Success");
        SchemaValidation.AssertPayloadsValid(reply.Command!);
        var data = QuoalisePayloadCodec.Read(reply.Quoalise!).Single();
        data.Meta.Device!.Type.Should().Be("greenhouse-bed");
        data.Meta.Measurement!.Unit.Should().Be("Cel");
        data.Records.Should().HaveCount(3).And.OnlyContain(r => r.Value == 22.1 && r.Name == "urn:dev:quoalise:greenhouse:1:bed:1_temperatureAmbiante");
        data.Records.Select(r => r.Time).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();
    }

    [Test]
    public async Task The_python_quoalise_cli_get_history_reads_them_unchanged()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        await MosquittoPub.PublishAsync(_port, "serre/1/bac/2", """{"humiditeSol": 41.5}""");
        await MosquittoPub.PublishAsync(_port, "serre/1/bac/2", """{"humiditeSol": 42}""");

        using var json = await QuoaliseCli.GetHistoryAsync(_prosody, "reader@localhost", "reader-pw", Component,
            "urn:dev:quoalise:greenhouse:1:bed:2_humiditeSol", start, DateTimeOffset.UtcNow.AddMinutes(1));

        var meta = json.RootElement.GetProperty("meta");
        meta.GetProperty("device").GetProperty("type").GetString().Should().Be("greenhouse-bed");
        meta.GetProperty("measurement").GetProperty("unit").GetString().Should().Be("%RH");
        var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();
        records.Select(r => r.GetProperty("value").GetDouble()).Should().Equal(41.5, 42);
        records.Should().OnlyContain(r => r.GetProperty("name").GetString() == "urn:dev:quoalise:greenhouse:1:bed:2_humiditeSol" && r.GetProperty("unit").GetString() == "%RH");
        var times = records.Select(r => DateTimeOffset.Parse(r.GetProperty("time").GetString()!, CultureInfo.InvariantCulture)).ToList();
        times[1].Should().BeAfter(times[0]);
        times[0].Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Test]
    public async Task A_subscriber_receives_each_new_reading_pushed_as_a_message()
    {
        var subscribed = new CommandReply(await _reader.ExecuteCommandAsync(Component, "subscribe", Fields.Of(("identifier", "urn:dev:quoalise:greenhouse:1:bed:1_humiditeAmbiante"))));
        subscribed.Status.Should().Be("completed", subscribed.ToString());

        await MosquittoPub.PublishAsync(_port, "serre/1/bac/1", """{"humiditeAmbiante": 71.25}""");

        var pushed = await _reader.NextDataMessageAsync();
        ((string?)pushed.Attribute("from")).Should().Be(Component);
        SchemaValidation.AssertPayloadsValid(pushed);
        var data = QuoalisePayloadCodec.Read(pushed.Elements().Single(e => e.Name.LocalName == "quoalise")).Single();
        data.Records.Should().ContainSingle().Which.Should().Match<SenMLRecord>(r => r.Value == 71.25 && r.Unit == "%RH");
        await _reader.ExecuteCommandAsync(Component, "unsubscribe", Fields.Of(("identifier", "urn:dev:quoalise:greenhouse:1:bed:1_humiditeAmbiante")));
    }

    [Test]
    public async Task Register_bed_lets_an_unknown_bed_in_and_get_beds_lists_only_what_the_requester_may_read()
    {
        await MosquittoPub.PublishAsync(_port, "serre/1/bac/9", Seed);
        var registered = new CommandReply(await _admin.ExecuteCommandAsync(Component, "register_bed", Fields.Of(("greenhouse", "1"), ("bed", "9"), ("label", "North wall"))));
        var again = new CommandReply(await _admin.ExecuteCommandAsync(Component, "register_bed", Fields.Of(("greenhouse", "1"), ("bed", "9"))));
        await MosquittoPub.PublishAsync(_port, "serre/1/bac/9", Seed);

        registered.Field("bed").Should().Be("Greenhouse 1, bed 9: registered");
        registered.Form.Field("series")!.Values.Should().Contain("urn:dev:quoalise:greenhouse:1:bed:9_humiditeSol");
        again.Field("bed").Should().EndWith("already registered, left unchanged");
        var beds = new CommandReply(await _reader.ExecuteCommandAsync(Component, "get_beds", Fields.Of(("format", "table"))));
        beds.Forms[0].Items.Select(row => $"{row[0].Value}/{row[1].Value}").Should().Equal("1/1", "1/2", "1/9");
        beds.Forms[0].Items.Last()[2].Value.Should().Be("North wall");
        var errors = new CommandReply(await _admin.ExecuteCommandAsync(Component, "get_ingest_errors", Fields.Of(("type", "BAC_NOT_FOUND"), ("format", "table"))));
        errors.Forms[0].Items.Should().ContainSingle(row => row[2].Value == "serre/1/bac/9", "only the message before the registration was refused");
    }

    [Test]
    public async Task Operators_list_controllers_and_ingest_errors_and_readers_may_not()
    {
        await MosquittoPub.PublishAsync(_port, "controleur/24:d7:eb:38:dc:39", """{"ip": "192.168.42.86", "status": true}""");
        await MosquittoPub.PublishAsync(_port, "serre/1/bac/1", """{"humiditeSol": 140}""");

        var controllers = new CommandReply(await _admin.ExecuteCommandAsync(Component, "get_controllers", Fields.Of(("status", "online"), ("format", "table"))));
        var errors = new CommandReply(await _admin.ExecuteCommandAsync(Component, "get_ingest_errors", Fields.Of(
            ("type", IngestErrorType.ValueOutOfRange), ("start_time", DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture)), ("format", "table"))));
        var refused = new CommandReply(await _reader.ExecuteCommandAsync(Component, "get_ingest_errors"));

        controllers.Forms[0].Items.Should().Contain(row => row[0].Value == "24:D7:EB:38:DC:39" && row[1].Value == "192.168.42.86" && row[2].Value == "yes");
        errors.Forms[0].Reported!.Select(c => c.Label).Should().Equal("Time (UTC)", "Type", "Topic", "Detail", "Payload excerpt");
        errors.Forms[0].Items.Should().Contain(row => row[1].Value == "VALUE_OUT_OF_RANGE" && row[4].Value == """{"humiditeSol": 140}""");
        refused.ErrorCondition.Should().Be("forbidden");
    }

    private static Dictionary<string, IReadOnlyList<string>> Range(string identifier, DateTimeOffset start) =>
        Fields.Of(("identifier", identifier), ("start_time", start.ToString("O", CultureInfo.InvariantCulture)), ("end_time", DateTimeOffset.UtcNow.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture)));
}
