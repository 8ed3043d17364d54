using System.Globalization;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Options;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.IntegrationTests.Mqtt.Support;
using Quoalise.Testing.Servers;

namespace Quoalise.IntegrationTests.Mqtt;

/// <summary>
/// <c>Mqtt:Mode=external</c> against the distribution's Mosquitto configured as a user runs it, in each transport the
/// greenhouse uses: plain with a username and password, and mutual TLS with certificates made for the run (the
/// component's key in PKCS#1, as <c>openssl genrsa -traditional</c> writes it, and in PKCS#8). Devices are
/// <c>mosquitto_pub</c> and <c>mosquitto_sub</c>, each with its own account or certificate.
/// </summary>
[TestFixture(Transport.Plain)]
[TestFixture(Transport.MutualTlsPkcs1)]
[TestFixture(Transport.MutualTlsPkcs8)]
[NonParallelizable] // One broker and one component per fixture.
public class ExternalBrokerTests(ExternalBrokerTests.Transport transport)
{
    private MosquittoServer _mosquitto = null!;
    private MqttComponentHost _host = null!;
    private MosquittoClientOptions _device = null!;

    public enum Transport
    {
        Plain,
        MutualTlsPkcs1,
        MutualTlsPkcs8,
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _mosquitto = new MosquittoServer();
        var settings = new Dictionary<string, string?>
        {
            ["Mqtt:Mode"] = "external",
            ["Mqtt:External:Host"] = "127.0.0.1",
            ["Mqtt:External:ClientId"] = "quoalise-" + transport,
            ["Mqtt:AutoRegisterBeds"] = "true",
        };
        if (transport == Transport.Plain)
        {
            _mosquitto.AddUser("quoalise", "component-pw");
            _mosquitto.AddUser("serre-1", "device-pw");
            settings["Mqtt:External:Port"] = _mosquitto.Port.ToString(CultureInfo.InvariantCulture);
            settings["Mqtt:External:Username"] = "quoalise";
            settings["Mqtt:External:Password"] = "component-pw";
            _device = new MosquittoClientOptions { Username = "serre-1", Password = "device-pw" };
        }
        else
        {
            _mosquitto.EnableMutualTls();
            var component = _mosquitto.ClientCertificate;
            settings["Mqtt:External:Port"] = _mosquitto.TlsPort.ToString(CultureInfo.InvariantCulture);
            settings["Mqtt:External:UseTls"] = "true";
            settings["Mqtt:External:CaCertificate"] = _mosquitto.CaCertificatePath;
            settings["Mqtt:External:ClientCertificate"] = component.CertificatePath;
            settings["Mqtt:External:ClientKey"] = transport == Transport.MutualTlsPkcs1 ? component.Pkcs1KeyPath : component.Pkcs8KeyPath;
            File.ReadAllText(settings["Mqtt:External:ClientKey"]!).Should().StartWith(
                transport == Transport.MutualTlsPkcs1 ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN PRIVATE KEY-----");

            // Each device has its own certificate from the same CA, as in the field.
            _device = MosquittoClientOptions.MutualTls(_mosquitto.CertificateAuthority.IssueClientCertificate("m5-serre-1"));
        }

        await _mosquitto.StartAsync();
        _host = await MqttComponentHost.StartAsync(settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _mosquitto.DisposeAsync();
    }

    [Test]
    public async Task Readings_published_by_a_device_are_stored_through_the_broker()
    {
        const string series = "urn:dev:quoalise:greenhouse:11:bed:1_temperatureAmbiante";

        await _mosquitto.PublishAsync("serre/11/bac/1", """{"temperatureAmbiante": 19.5, "humiditeSol": 30}""", client: _device, repeat: 20);

        await _host.Committed.WaitForAsync(series, 20, TimeSpan.FromSeconds(20));
        _host.Committed.CountOf(series).Should().Be(20);
    }

    [Test]
    public async Task The_broker_is_told_MaxPacketBytes_and_keeps_a_larger_message_from_the_component_which_reads_on()
    {
        const string topic = "serre/12/bac/1";
        var oversized = new string(' ', MqttOptions.DefaultMaxPacketBytes);

        await _mosquitto.PublishAsync(topic, oversized, client: _device);
        await _mosquitto.PublishAsync(topic, """{"humiditeSol": 41}""", client: _device);

        // One subscription delivers in order: once the second message is stored, the first was not forwarded.
        await _host.Committed.WaitForAsync("urn:dev:quoalise:greenhouse:12:bed:1_humiditeSol", 1, TimeSpan.FromSeconds(20));
        var errors = await _host.RecentIngestErrorsAsync();
        errors.Should().NotContain(e => e.Topic == topic, "a payload of 256 KiB would have been recorded as INVALID_PAYLOAD had it arrived");
        errors.Should().NotContain(e => e.Type == IngestErrorType.MqttDisconnect, "the component's connection carries on");
    }

    [Test]
    public async Task A_controller_announces_itself_then_its_Last_Will_marks_it_offline()
    {
        const string mac = "24:D7:EB:38:DC:40";
        var controller = await _mosquitto.SubscribeAsync("controleur/none", client: _device with
        {
            ClientId = "esp32-" + transport,
            WillTopic = $"controleur/{mac}/disconnect",
        });
        await _mosquitto.PublishAsync($"controleur/{mac}", """{"ip": "192.168.42.87", "status": true}""", client: _device);
        await _host.Logs.WaitForAsync(e => e.RenderMessage().Contains($"Controller \"{mac}\" at"), TimeSpan.FromSeconds(10));

        await controller.KillAsync();
        await controller.DisposeAsync();

        await _host.Logs.WaitForAsync(e => e.RenderMessage().Contains($"Controller \"{mac}\" offline"), TimeSpan.FromSeconds(20));
        var stored = (await _host.Get<IControllerStore>().ListAsync(CancellationToken.None)).Single(c => c.Mac == mac);
        stored.Online.Should().BeFalse();
        stored.Ip.Should().Be("192.168.42.87");
    }
}
