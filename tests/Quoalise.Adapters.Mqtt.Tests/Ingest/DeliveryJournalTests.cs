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

        _harness.Writer.Readings.Should().ContainSingle();
    }

    [Test]
    public async Task A_redelivery_whose_packet_id_was_reused_for_another_payload_is_a_new_reading()
    {
        await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 7);

        await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 41}""", packetId: 7, duplicate: true);

        _harness.Writer.Readings.Select(p => p.Value).Should().Equal(40, 41);
    }

    [Test]
    public async Task A_redelivery_whose_receipt_cannot_be_read_is_DB_INSERT_ERROR_and_comes_again_instead_of_being_acknowledged()
    {
        _harness.Writer.ReadFailure = () => new InvalidOperationException("no such table: core_points_log");

        var outcome = await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 7, duplicate: true);

        outcome.Should().Be(IngestOutcome.Redeliver);
        _harness.ErrorTypes.Should().Equal(IngestErrorType.DatabaseInsertError);
        _harness.Writer.Readings.Should().BeEmpty();
    }

    [Test]
    public async Task Without_DUP_a_reused_packet_id_is_always_a_new_message()
    {
        await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 7);

        await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 7);

        _harness.Writer.Readings.Should().HaveCount(2);
    }

    [Test]
    public async Task QoS_0_messages_are_stamped_without_a_journal_row()
    {
        await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40}""", packetId: 0);

        _harness.Writer.Points.Should().ContainSingle("a reading and no receipt");
    }

    [Test]
    public async Task The_receipt_is_written_in_front_of_the_readings_keyed_by_packet_id_in_the_session_s_series()
    {
        await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 40, "temperatureAmbiante": 20}""", packetId: 513);

        var receipt = _harness.Writer.Points.Single(p => p.Name.StartsWith(DeliveryJournal.SeriesPrefix, StringComparison.Ordinal));
        receipt.Name.Should().Be(DeliveryJournal.SeriesOf(PipelineHarness.Session)).And.HaveLength(DeliveryJournal.SeriesPrefix.Length + 32);
        receipt.Time.Should().Be(DateTimeOffset.UnixEpoch.AddTicks(513 * TimeSpan.TicksPerMicrosecond));
        receipt.Value.Should().Be((_harness.Time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond);
        receipt.StringValue.Should().HaveLength(32);
        DeliveryJournal.SeriesOf(new string('x', 65_535)).Length.Should().BeLessThan(Quoalise.Adapters.Storage.SeriesDefinition.MaxIdentifierLength);
    }

    [Test]
    public async Task Every_session_s_receipts_go_to_its_own_series_however_many_sessions_and_however_long_their_ids()
    {
        // Past the first 100,000 sessions the journal forgets the series it remembered; ids over 256 characters are never remembered.
        string[] sessions = [.. Enumerable.Range(0, 100_002).Select(i => $"device-{i}"), new string('l', 300), "device-0", new string('l', 300)];
        foreach (var session in sessions)
        {
            var stamp = await _harness.Journal.StampAsync(new MqttDelivery("serre/1/bac/1", "{}"u8.ToArray(), session, 1, Duplicate: false), CancellationToken.None);

            if (stamp.Receipt!.Name != DeliveryJournal.SeriesOf(session))
            {
                Assert.Fail($"Session {session[..Math.Min(20, session.Length)]}… got the receipt series {stamp.Receipt.Name}.");
            }
        }
    }

    // Receipts already stored keep matching their redeliveries only while the hash stays the same: pinned to values
    // computed independently (Python's hashlib), for a payload hashed from the stack and one from a pooled buffer.
    [TestCase("serre/1/bac/2", "{\"humiditeSol\": 41.5}", ExpectedResult = "db8e7a64535e1cb0d548e329afb60dc2")]
    [TestCase("serre/é/bac/2", null, ExpectedResult = "254d16ae40cf12ec72e044ba3fd6bd43")]
    public string The_message_hash_is_the_first_half_of_SHA_256_over_topic_zero_byte_and_payload(string topic, string? payload) =>
        DeliveryJournal.Hash(topic, payload is null ? Enumerable.Repeat((byte)'x', 5000).ToArray() : System.Text.Encoding.UTF8.GetBytes(payload));
}
