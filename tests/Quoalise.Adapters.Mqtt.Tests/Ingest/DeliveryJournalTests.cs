using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Receipts;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Adapters.Mqtt.Tests.Support;

namespace Quoalise.Adapters.Mqtt.Tests.Ingest;

public class DeliveryJournalTests : OneBedPipelineTests
{
    [Test]
    public async Task A_redelivery_of_a_stored_message_gets_its_first_stamp_so_it_overwrites_instead_of_duplicating()
    {
        await Harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 7);
        Harness.Time.Advance(TimeSpan.FromSeconds(30));

        await Harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 7, duplicate: true);

        Harness.Writer.Readings.Should().ContainSingle();
    }

    [Test]
    public async Task A_redelivery_whose_packet_id_was_reused_for_another_payload_is_a_new_reading()
    {
        await Harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 7);

        await Harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 41}""", packetId: 7, duplicate: true);

        Harness.Writer.Readings.Select(p => p.Value).Should().Equal(40, 41);
    }

    [Test]
    public async Task Without_DUP_a_reused_packet_id_is_always_a_new_message()
    {
        await Harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 7);

        await Harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 7);

        Harness.Writer.Readings.Should().HaveCount(2);
    }

    [Test]
    public async Task QoS_0_messages_are_stamped_without_a_journal_row()
    {
        await Harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 0);

        Harness.Writer.Points.Should().ContainSingle("a reading and no receipt");
    }

    [Test]
    public async Task The_receipt_is_logged_in_front_of_the_readings_in_the_same_write()
    {
        await Harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40, "temperatureAmbiante": 20}""", packetId: 513);

        var write = Harness.Writer.Writes.Should().ContainSingle().Subject;
        write.Select(p => p.Name).Should().Equal(
            Harness.Receipts.LogSeries, "urn:dev:quoalise:greenhouse:1:bed:1_humiditeSol", "urn:dev:quoalise:greenhouse:1:bed:1_temperatureAmbiante");
        var logged = ReceiptLog.Receipts(write[0]).Should().ContainSingle().Subject;
        logged.Should().Be(new Receipt(Harness.Receipts.SessionKey(PipelineHarness.Session), 513, UnixMicroseconds.From(write[1].Time), DeliveryJournal.Hash("serre/1/bac/1", """{"humiditeSol": 40, "temperatureAmbiante": 20}"""u8)));
    }

    // Receipts already stored keep matching their redeliveries only while the hash stays the same: pinned to values
    // computed independently (Python's hashlib), for a payload hashed from the stack and one from a pooled buffer.
    [TestCase("serre/1/bac/2", "{\"humiditeSol\": 41.5}", ExpectedResult = "db8e7a64535e1cb0")]
    [TestCase("serre/é/bac/2", null, ExpectedResult = "254d16ae40cf12ec")]
    public string The_message_hash_is_the_first_eight_bytes_of_SHA_256_over_topic_zero_byte_and_payload(string topic, string? payload) =>
        DeliveryJournal.Hash(topic, payload is null ? Enumerable.Repeat((byte)'x', 5000).ToArray() : System.Text.Encoding.UTF8.GetBytes(payload)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
