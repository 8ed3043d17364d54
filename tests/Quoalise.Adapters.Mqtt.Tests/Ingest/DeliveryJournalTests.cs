using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Tests.Support;

namespace Quoalise.Adapters.Mqtt.Tests.Ingest;

public class DeliveryJournalTests
{
    private PipelineHarness _harness = null!;

    [SetUp]
    public async Task SetUp()
    {
        _harness = new PipelineHarness();
        await _harness.RegisterAsync(1, 1);
    }

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task A_redelivery_of_a_stored_message_gets_its_first_stamp_so_it_overwrites_instead_of_duplicating()
    {
        await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 7);
        _harness.Time.Advance(TimeSpan.FromSeconds(30));

        await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 7, duplicate: true);

        _harness.Writer.Points.Should().ContainSingle();
    }

    [Test]
    public async Task A_redelivery_whose_packet_id_was_reused_for_another_payload_is_a_new_reading()
    {
        await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 7);

        await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 41}""", packetId: 7, duplicate: true);

        _harness.Writer.Points.Select(p => p.Value).Should().Equal(40, 41);
    }

    [Test]
    public async Task Without_DUP_a_reused_packet_id_is_always_a_new_message()
    {
        await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 7);

        await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 7);

        _harness.Writer.Points.Should().HaveCount(2);
    }

    [Test]
    public async Task QoS_0_messages_are_stamped_without_a_journal_row()
    {
        await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 0);

        _harness.Deliveries.Saved.Should().Be(0);
        _harness.Writer.Points.Should().ContainSingle();
    }

    [Test]
    public void Long_client_ids_are_hashed_to_fit_the_session_column()
    {
        DeliveryJournal.SessionKey("esp32-1").Should().Be("esp32-1");
        DeliveryJournal.SessionKey(new string('x', 300)).Should().StartWith("sha256:").And.HaveLength(71);
    }
}
