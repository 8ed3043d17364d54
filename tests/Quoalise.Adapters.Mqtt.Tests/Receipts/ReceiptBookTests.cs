using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Receipts;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Adapters.Mqtt.Tests.Support;

namespace Quoalise.Adapters.Mqtt.Tests.Receipts;

public class ReceiptBookTests : OneBedPipelineTests
{
    private const string Topic = "serre/1/bac/1";
    private const string Payload = """{"humiditeSol": 40}""";

    [Test]
    public async Task After_a_crash_a_redelivery_keeps_its_first_stamp_from_the_log_alone()
    {
        await Harness.PublishAsync(Topic, Payload, packetId: 7);
        Harness.Writer.Points.Should().NotContain(p => p.Name.StartsWith(ReceiptBook.PagePrefix, StringComparison.Ordinal), "no flush ran before the crash");

        await RedeliverAfterRestartAsync(packetId: 7);

        Harness.Writer.Readings.Should().ContainSingle("the redelivery overwrote its first reading");
    }

    [Test]
    public async Task After_a_crash_a_redelivery_keeps_its_first_stamp_from_the_saved_page()
    {
        await Harness.PublishAsync(Topic, Payload, packetId: 40);
        await Harness.Receipts.FlushAsync(CancellationToken.None);
        var checkpoint = Harness.Writer.Points.Single(p => p.Name == Harness.Receipts.LogSeries && ReceiptLog.IsCheckpoint(p));
        checkpoint.Value.Should().Be(1, "the one log point is saved in its page");
        Harness.Writer.Points.Should().ContainSingle(p => p.Name == ReceiptBook.PageSeries(Harness.Receipts.SessionKey(PipelineHarness.Session)))
            .Which.Time.Should().Be(UnixMicroseconds.ToTime(1), "packet 40 is in the second page of 32");

        await RedeliverAfterRestartAsync(packetId: 40);

        Harness.Writer.Readings.Should().ContainSingle();
    }

    [Test]
    public async Task Concurrent_messages_share_log_points_of_at_most_29_receipts_and_every_one_is_found_after_a_crash()
    {
        var sessions = Enumerable.Range(0, 100).Select(i => $"device-{i}").ToList();
        await Task.WhenAll(sessions.Select(s => Harness.Pipeline.HandleAsync(new MqttDelivery(Topic, Encoding.UTF8.GetBytes(Payload), s, 9, false), CancellationToken.None)));

        var logPoints = Harness.Writer.Points.Where(p => p.Name == Harness.Receipts.LogSeries).ToList();
        logPoints.Should().OnlyContain(p => ReceiptLog.Receipts(p).Count() <= ReceiptLog.ReceiptsPerPoint);
        logPoints.SelectMany(ReceiptLog.Receipts).Should().HaveCount(100);
        logPoints.Should().HaveCountLessThan(100, "messages queued together share a point");

        var restarted = await RestartAsync();
        foreach (var session in sessions)
        {
            (await restarted.FindAsync(restarted.SessionKey(session), 9, CancellationToken.None)).Should().NotBeNull(session);
        }
    }

    [Test]
    public async Task A_damaged_log_point_is_left_out_and_the_others_are_recovered()
    {
        await Harness.PublishAsync(Topic, Payload, packetId: 5);
        await Harness.Writer.WriteAsync([ReceiptLog.Point(Harness.Receipts.LogSeries, 2, []) with { DataValue = "not base64!" }], CancellationToken.None);

        var restarted = await RestartAsync();

        (await restarted.FindAsync(restarted.SessionKey(PipelineHarness.Session), 5, CancellationToken.None)).Should().NotBeNull();
    }

    [Test]
    public async Task A_full_ring_waits_for_a_flush_so_no_slot_is_reused_before_the_checkpoint_passed_it()
    {
        var first = await Harness.Receipts.ReserveAsync(ReceiptLog.RingSlots, CancellationToken.None);
        Harness.Receipts.Written(first);

        await Harness.Receipts.ReserveAsync(1, CancellationToken.None);

        Harness.Writer.Points.Single(p => ReceiptLog.IsCheckpoint(p)).Value.Should().Be(ReceiptLog.RingSlots);
    }

    [Test]
    public async Task The_checkpoint_stops_before_a_log_point_not_yet_written()
    {
        Harness.Receipts.Written(await Harness.Receipts.ReserveAsync(1, CancellationToken.None));
        var pending = await Harness.Receipts.ReserveAsync(2, CancellationToken.None);
        var later = await Harness.Receipts.ReserveAsync(1, CancellationToken.None);
        Harness.Receipts.Written(later);

        await Harness.Receipts.FlushAsync(CancellationToken.None);

        Harness.Writer.Points.Single(p => ReceiptLog.IsCheckpoint(p)).Value.Should().Be(pending - 1).And.Be(1);
    }

    [Test]
    public async Task An_older_receipt_replayed_over_a_newer_one_never_replaces_it()
    {
        var session = Harness.Receipts.SessionKey("device-1");
        await Harness.Receipts.RecordAsync(new Receipt(session, 3, 2_000, 22), CancellationToken.None);

        await Harness.Receipts.RecordAsync(new Receipt(session, 3, 1_000, 11), CancellationToken.None);

        (await Harness.Receipts.FindAsync(session, 3, CancellationToken.None)).Should().Be(new Receipt(session, 3, 2_000, 22));
    }

    [Test]
    public void A_page_round_trips_through_its_stored_form_within_storage_s_limit()
    {
        var page = new ReceiptPage();
        page.Set(0, 1, -1);
        page.Set(31, long.MaxValue, long.MinValue);

        var encoded = page.Encode();
        var decoded = ReceiptPage.Decode(encoded);

        encoded.Length.Should().BeLessThanOrEqualTo(1024);
        decoded.TryGet(31, out var stamp, out var hash).Should().BeTrue();
        (stamp, hash).Should().Be((long.MaxValue, long.MinValue));
        decoded.TryGet(1, out _, out _).Should().BeFalse();
        FluentActions.Invoking(() => ReceiptPage.Decode("AAAA")).Should().Throw<FormatException>();
    }

    [Test]
    public void Every_session_has_its_own_key_however_many_sessions_and_however_long_their_ids()
    {
        // Past the first 100,000 sessions the book forgets the keys it remembered; ids over 256 characters are never remembered.
        string[] sessions = [.. Enumerable.Range(0, 100_002).Select(i => $"device-{i}"), new string('l', 300), "device-0", new string('l', 300)];
        foreach (var session in sessions)
        {
            var expected = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(session)).AsSpan(0, 8));
            if (Harness.Receipts.SessionKey(session) != expected)
            {
                Assert.Fail($"Session {session[..Math.Min(20, session.Length)]}… got another key.");
            }
        }
    }

    /// <summary>A new book on the same storage, as after a crash of the component, recovered as at start-up.</summary>
    private async Task<ReceiptBook> RestartAsync()
    {
        var retry = new DatabaseRetry(TimeProvider.System, NullLogger<DatabaseRetry>.Instance, _ => { });
        var restarted = new ReceiptBook(Harness.Writer, Harness.Writer, retry, Harness.Time, "test", NullLogger<ReceiptBook>.Instance);
        await restarted.RecoverAsync(CancellationToken.None);
        return restarted;
    }

    private async Task RedeliverAfterRestartAsync(int packetId)
    {
        await using var restarted = await RestartAsync();
        var journal = new DeliveryJournal(restarted, new ReceptionClock(Harness.Time), NullLogger<DeliveryJournal>.Instance);
        Harness.Time.Advance(TimeSpan.FromSeconds(30));

        var stamp = await journal.StampAsync(new MqttDelivery(Topic, Encoding.UTF8.GetBytes(Payload), PipelineHarness.Session, packetId, Duplicate: true), CancellationToken.None);

        stamp.Receipt.Should().BeNull("a known redelivery is not logged again");
        await Harness.Writer.WriteAsync([new Quoalise.Protocol.Quoalise.SenMLRecord("urn:dev:quoalise:greenhouse:1:bed:1_humiditeSol", stamp.Time, "%RH", 40)], CancellationToken.None);
    }
}
