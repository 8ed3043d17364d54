using Quoalise.Adapters.Mqtt;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.IntegrationTests.Mqtt.Support;
using Quoalise.IntegrationTests.Support;
using Quoalise.Samples;
using Quoalise.Testing.Servers;

namespace Quoalise.IntegrationTests.Mqtt;

/// <summary>The device samples (<c>samples/Quoalise.Samples</c>) run against the component, so what docs/mqtt.md shows works.</summary>
[NonParallelizable] // One component for the fixture.
public class SamplesTests
{
    private MqttComponentHost _host = null!;
    private int _port;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var settings = MqttComponentHost.EmbeddedSettings(out _port);
        settings["Mqtt:AutoRegisterBeds"] = "true";
        _host = await MqttComponentHost.StartAsync(settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task The_readings_sample_announces_the_controller_and_stores_every_reading()
    {
        var options = new SampleOptions(Port: _port, Greenhouse: 41, Bed: 2, Mac: "24:D7:EB:38:DC:41", Interval: TimeSpan.Zero, Count: 3);

        await GreenhouseController.PublishReadingsAsync(options, CancellationToken.None);

        _host.Committed.CountOf("urn:dev:quoalise:greenhouse:41:bed:2_humiditeSol").Should().Be(3);
        var controller = (await _host.Get<IControllerStore>().ListAsync(CancellationToken.None)).Single(c => c.Mac == options.Mac);
        controller.Ip.Should().Be(options.Ip);
        controller.Online.Should().BeFalse("the sample says it goes offline before its clean disconnect");
    }

    [Test]
    public async Task The_power_cut_sample_is_marked_offline_through_its_Last_Will()
    {
        var options = new SampleOptions(Port: _port, Mac: "24:D7:EB:38:DC:42");

        await GreenhouseController.PowerCutAsync(options, CancellationToken.None);

        await _host.Logs.WaitForAsync(e => CapturedLogs.WithEventId(MqttEventId.ControllerOffline)(e) && e.RenderMessage().Contains(options.Mac), TimeSpan.FromSeconds(10));
        (await _host.Get<IControllerStore>().ListAsync(CancellationToken.None)).Single(c => c.Mac == options.Mac).Online.Should().BeFalse();
    }

    [Test]
    public async Task The_mutual_TLS_sample_publishes_through_Mosquitto_with_a_PKCS1_device_key()
    {
        await using var mosquitto = new MosquittoServer();
        mosquitto.EnableMutualTls();
        await mosquitto.StartAsync();
        var device = mosquitto.CertificateAuthority.IssueClientCertificate("m5-serre-43");
        var subscriber = await mosquitto.SubscribeAsync("serre/#", client: MosquittoClientOptions.MutualTls(mosquitto.ClientCertificate));
        await using (subscriber)
        {
            await GreenhouseController.PublishOverMutualTlsAsync(
                new SampleOptions(Port: mosquitto.TlsPort, Greenhouse: 43, CaCertificate: mosquitto.CaCertificatePath, Certificate: device.CertificatePath, Key: device.Pkcs1KeyPath),
                CancellationToken.None);

            var message = await subscriber.NextMessageAsync(TimeSpan.FromSeconds(10));
            message.Topic.Should().Be("serre/43/bac/1");
            message.Text.Should().Be("""{"temperatureAmbiante": 21.4}""");
        }
    }
}
