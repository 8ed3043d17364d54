using Quoalise.Testing.Servers;

namespace Quoalise.IntegrationTests.Infrastructure;

[Parallelizable]
public sealed class MosquittoServerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private MosquittoServer _mosquitto = null!;

    [SetUp]
    public void CreateMosquitto() => _mosquitto = new MosquittoServer();

    [TearDown]
    public async Task StopMosquitto() => await _mosquitto.DisposeAsync();

    [Test]
    public async Task A_retained_message_round_trips_on_the_plain_listener()
    {
        await _mosquitto.StartAsync();

        await _mosquitto.PublishAsync("serre/1/bac/1", """{"humiditeSol": 45.0}""", retain: true);
        await using var subscriber = await _mosquitto.SubscribeAsync("serre/+/bac/+");
        var message = await subscriber.NextMessageAsync(Patience);

        message.Topic.Should().Be("serre/1/bac/1");
        message.Text.Should().Be("""{"humiditeSol": 45.0}""");
    }

    [Test]
    public async Task A_subscriber_gets_what_is_published_after_it_subscribed()
    {
        await _mosquitto.StartAsync();
        await using var subscriber = await _mosquitto.SubscribeAsync("live/#");

        await _mosquitto.PublishAsync("live/a", "é\n\u0001", qos: 2);
        var message = await subscriber.NextMessageAsync(Patience);

        message.Topic.Should().Be("live/a");
        message.Text.Should().Be("é\n\u0001");
    }

    [Test]
    public async Task Retained_messages_survive_a_restart()
    {
        await _mosquitto.StartAsync();
        await _mosquitto.PublishAsync("kept", "before restart", retain: true);

        await _mosquitto.StopAsync();
        await _mosquitto.StartAsync();
        await using var subscriber = await _mosquitto.SubscribeAsync("kept");

        (await subscriber.NextMessageAsync(Patience)).Text.Should().Be("before restart");
    }

    [Test]
    public async Task Every_message_queued_for_an_offline_persistent_subscriber_is_kept()
    {
        // Mosquitto's default max_queued_messages (1000) would drop the rest; the test configuration keeps all.
        const int count = 1500;
        var persistent = new MosquittoClientOptions { ClientId = "bridge", PersistentSession = true };
        await _mosquitto.StartAsync();
        await (await _mosquitto.SubscribeAsync("readings", client: persistent)).DisposeAsync();

        await _mosquitto.PublishAsync("readings", "21.5", repeat: count);
        await using var subscriber = await _mosquitto.SubscribeAsync("readings", client: persistent);
        var received = 0;
        while (received < count)
        {
            await subscriber.NextMessageAsync(Patience);
            received++;
        }

        received.Should().Be(count);
    }

    [Test]
    public async Task Once_a_user_exists_anonymous_clients_are_refused()
    {
        _mosquitto.AddUser("bridge", "bridge-password");
        await _mosquitto.StartAsync();

        var anonymous = () => _mosquitto.PublishAsync("t", "x");
        var user = () => _mosquitto.PublishAsync("t", "x", client: new() { Username = "bridge", Password = "bridge-password" });

        await anonymous.Should().ThrowAsync<InvalidOperationException>().WithMessage("*not authorised*");
        await user.Should().NotThrowAsync();
    }

    [TestCase(false, TestName = "Mutual_tls_accepts_a_client_certificate_with_a_pkcs1_key")]
    [TestCase(true, TestName = "Mutual_tls_accepts_a_client_certificate_with_a_pkcs8_key")]
    public async Task Mutual_tls_accepts_a_client_certificate(bool pkcs8Key)
    {
        _mosquitto.EnableMutualTls();
        await _mosquitto.StartAsync();
        var client = MosquittoClientOptions.MutualTls(_mosquitto.ClientCertificate, pkcs8Key);

        await using var subscriber = await _mosquitto.SubscribeAsync("controleur/#", client: client);
        await _mosquitto.PublishAsync("controleur/24:D7:EB:38:DC:38", """{"ip": "192.0.2.1", "status": true}""", client: client);

        (await subscriber.NextMessageAsync(Patience)).Topic.Should().Be("controleur/24:D7:EB:38:DC:38");
    }

    [Test]
    public async Task Mutual_tls_refuses_a_client_without_a_certificate()
    {
        _mosquitto.EnableMutualTls();
        await _mosquitto.StartAsync();

        var publish = () => _mosquitto.PublishAsync("t", "x", client: new() { UseTls = true });

        await publish.Should().ThrowAsync<InvalidOperationException>().WithMessage("*mosquitto_pub*exited with*");
    }

    [Test]
    public async Task Mutual_tls_refuses_a_certificate_from_another_authority()
    {
        _mosquitto.EnableMutualTls();
        await _mosquitto.StartAsync();
        using var stranger = TestCertificateAuthority.Create(Path.Combine(_mosquitto.DataDirectory, "stranger"));

        var publish = () => _mosquitto.PublishAsync(
            "t", "x", client: MosquittoClientOptions.MutualTls(stranger.IssueClientCertificate("intruder")));

        await publish.Should().ThrowAsync<InvalidOperationException>().WithMessage("*mosquitto_pub*exited with*");
    }

    [Test]
    public async Task A_client_that_dies_has_its_last_will_published()
    {
        _mosquitto.EnableMutualTls();
        await _mosquitto.StartAsync();
        var tls = MosquittoClientOptions.MutualTls(_mosquitto.ClientCertificate);
        await using var bridge = await _mosquitto.SubscribeAsync("controleur/+/disconnect", client: tls);
        var controller = await _mosquitto.SubscribeAsync(
            "controleur/24:D7:EB:38:DC:38/commands", client: tls with { WillTopic = "controleur/24:D7:EB:38:DC:38/disconnect" });

        await controller.KillAsync();
        await controller.DisposeAsync();
        var will = await bridge.NextMessageAsync(Patience);

        will.Topic.Should().Be("controleur/24:D7:EB:38:DC:38/disconnect");
        will.Payload.Length.Should().Be(0);
    }
}
