using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Options;
using Quoalise.Adapters.Mqtt.Tests.Support;

namespace Quoalise.Adapters.Mqtt.Tests.Ingest;

public class IngestPipelineTests
{
    private PipelineHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new PipelineHarness();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task A_seed_payload_of_a_registered_bed_is_three_readings_with_one_stamp_and_no_error()
    {
        await _harness.RegisterAsync(1, 2);

        var outcome = await _harness.PublishAsync("serre/1/bac/2", """{"humiditeAmbiante": 65.3, "temperatureAmbiante": 22.1, "humiditeSol": 45.0}""");

        outcome.Should().Be(IngestOutcome.Acknowledge);
        _harness.Writer.Readings.Select(p => (p.Name, p.Unit, p.Value)).Should().BeEquivalentTo(new[]
        {
            ("urn:dev:quoalise:greenhouse:1:bed:2_humiditeAmbiante", "%RH", 65.3),
            ("urn:dev:quoalise:greenhouse:1:bed:2_temperatureAmbiante", "Cel", 22.1),
            ("urn:dev:quoalise:greenhouse:1:bed:2_humiditeSol", "%RH", (double?)45.0),
        }.Select(t => (t.Item1, (string?)t.Item2, (double?)t.Item3)));
        _harness.Writer.Readings.Select(p => p.Time).Distinct().Should().ContainSingle().Which.Should().Be(_harness.Time.GetUtcNow());
        _harness.ErrorStore.All.Should().BeEmpty();
    }

    [Test]
    public async Task An_unknown_bed_is_BAC_NOT_FOUND_acknowledged_and_looked_up_once_per_interval()
    {
        await _harness.PublishAsync("serre/8/bac/8", """{"humiditeSol": 1}""");
        await _harness.PublishAsync("serre/8/bac/8", """{"humiditeSol": 2}""", packetId: 2);

        _harness.ErrorTypes.Should().Equal(IngestErrorType.BedNotFound, IngestErrorType.BedNotFound);
        _harness.BedStore.Finds.Should().Be(1, "an unknown bed is remembered for a while");
        _harness.Writer.Readings.Should().BeEmpty();

        _harness.Time.Advance(BedDirectory.UnknownFor);
        await _harness.PublishAsync("serre/8/bac/8", """{"humiditeSol": 3}""", packetId: 3);
        _harness.BedStore.Finds.Should().Be(2);
    }

    [Test]
    public async Task Registering_a_bed_clears_its_unknown_mark_at_once()
    {
        await _harness.PublishAsync("serre/8/bac/9", """{"humiditeSol": 1}""");
        await _harness.RegisterAsync(8, 9);

        await _harness.PublishAsync("serre/8/bac/9", """{"humiditeSol": 2}""", packetId: 2);

        _harness.Writer.Readings.Should().ContainSingle().Which.Value.Should().Be(2);
    }

    [Test]
    public async Task With_auto_registration_an_unknown_bed_is_registered_with_its_series()
    {
        await using var harness = new PipelineHarness(autoRegister: true);

        await harness.PublishAsync("serre/4/bac/5", """{"humiditeSol": 12}""");

        harness.Writer.Readings.Should().ContainSingle();
        (await harness.BedStore.FindAsync(4, 5, CancellationToken.None))!.RegisteredBy.Should().Be("auto");
        (await harness.Catalog.ListAsync("mqtt", CancellationToken.None)).Select(s => s.Identifier).Should().Equal(
            "urn:dev:quoalise:greenhouse:4:bed:5_humiditeAmbiante",
            "urn:dev:quoalise:greenhouse:4:bed:5_humiditeSol",
            "urn:dev:quoalise:greenhouse:4:bed:5_temperatureAmbiante");
    }

    [TestCase("serre/x/bac/1")]
    [TestCase("serre/1/bac/-1")]
    [TestCase("serre/99999999999/bac/1")]
    public async Task Numbers_that_are_not_whole_numbers_in_the_topic_are_BAC_NOT_FOUND(string topic)
    {
        await _harness.PublishAsync(topic, """{"humiditeSol": 1}""");

        _harness.ErrorStore.All.Should().ContainSingle().Which.Detail.Should().Contain("must be whole numbers");
    }

    [Test]
    public async Task Out_of_range_values_are_stored_clamped_and_each_recorded_as_VALUE_OUT_OF_RANGE()
    {
        await _harness.RegisterAsync(1, 1);

        await _harness.PublishAsync("serre/1/bac/1", """{"temperatureAmbiante": -41, "humiditeAmbiante": 100.5}""");

        _harness.Writer.Readings.Select(p => p.Value).Should().BeEquivalentTo(new double?[] { -40, 100 });
        _harness.ErrorTypes.Should().Equal(IngestErrorType.ValueOutOfRange, IngestErrorType.ValueOutOfRange);
    }

    [Test]
    public async Task Invalid_encoding_and_oversized_payloads_are_refused_before_parsing()
    {
        await _harness.PublishAsync("serre/1/bac/1", [0xC3, 0x28]);
        await _harness.PublishAsync("serre/1/bac/1", new byte[4097]);

        _harness.ErrorTypes.Should().Equal(IngestErrorType.InvalidEncoding, IngestErrorType.InvalidPayload);
        _harness.ErrorStore.All[0].PayloadExcerpt.Should().Be("\\xC3(");
    }

    [Test]
    public async Task A_commit_failure_is_DB_INSERT_ERROR_and_asks_for_redelivery()
    {
        await _harness.RegisterAsync(1, 1);
        _harness.Writer.Failure = () => new InvalidOperationException("no such table: core_points");

        var outcome = await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 1}""");

        outcome.Should().Be(IngestOutcome.Redeliver);
        _harness.ErrorStore.All.Should().ContainSingle().Which.Should().Match<IngestError>(e =>
            e.Type == IngestErrorType.DatabaseInsertError && e.Detail.Contains("no such table: core_points") && e.Detail.Contains("deliver the message again"));
    }

    [Test]
    public async Task Storage_stopping_asks_for_redelivery_without_recording_an_error()
    {
        await _harness.RegisterAsync(1, 1);
        _harness.Writer.Failure = () => new OperationCanceledException("Storage stopped before these points were committed.");

        (await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 1}""")).Should().Be(IngestOutcome.Redeliver);
        _harness.ErrorStore.All.Should().BeEmpty();
    }

    [Test]
    public async Task A_bug_is_UNEXPECTED_ERROR_recorded_with_the_excerpt_and_acknowledged_so_the_stream_goes_on()
    {
        _harness.BedStore.Failure = () => new NullReferenceException("a bug");

        var outcome = await _harness.PublishAsync("serre/1/bac/1", """{"humiditeSol": 1}""");

        outcome.Should().Be(IngestOutcome.Acknowledge);
        _harness.ErrorStore.All.Should().ContainSingle().Which.Should().Match<IngestError>(e =>
            e.Type == IngestErrorType.Unexpected && e.Detail == "NullReferenceException: a bug" && e.PayloadExcerpt == """{"humiditeSol": 1}""");
    }

    [Test]
    public async Task A_transient_database_failure_is_DB_ERROR_once_and_the_message_waits_until_the_database_is_back()
    {
        var failures = 2;
        _harness.BedStore.Failure = () => failures-- > 0 ? new TransientDbException("connection refused") : null;

        var outcome = await _harness.PublishAsync("serre/2/bac/2", """{"humiditeSol": 1}""");

        outcome.Should().Be(IngestOutcome.Acknowledge);
        _harness.Outages.Should().ContainSingle("one outage, however many retries");
        _harness.ErrorStore.All.Select(e => (e.Type, e.Detail)).Should().Equal(
            (IngestErrorType.DatabaseError, "TransientDbException: connection refused"),
            (IngestErrorType.BedNotFound, "Greenhouse 2, bed 2 is not registered (register_bed, or Mqtt:AutoRegisterBeds)."));
    }

    [Test]
    public async Task A_controller_announcement_and_its_Last_Will_update_the_controller()
    {
        await _harness.PublishAsync("controleur/24:d7:eb:38:dc:38", """{"ip": "192.168.42.85", "status": true}""");
        _harness.Time.Advance(TimeSpan.FromMinutes(5));
        await _harness.PublishAsync("controleur/24:D7:EB:38:DC:38/disconnect", string.Empty);

        var controller = (await _harness.Controllers.ListAsync(CancellationToken.None)).Single();
        controller.Mac.Should().Be("24:D7:EB:38:DC:38");
        controller.Ip.Should().Be("192.168.42.85");
        controller.Online.Should().BeFalse();
        (controller.Changed - controller.LastSeen!.Value).Should().Be(TimeSpan.FromMinutes(5));
    }

    [Test]
    public async Task Custom_topic_templates_route_as_configured_and_other_topics_pass_untouched()
    {
        await using var harness = new PipelineHarness(topics: new TopicOptions { Readings = "site/a/{greenhouse}/{bed}/data" });
        await harness.RegisterAsync(3, 4);

        await harness.PublishAsync("site/a/3/4/data", """{"humiditeSol": 9}""");
        var other = await harness.PublishAsync("serre/3/bac/4", "anything");

        harness.Writer.Readings.Should().ContainSingle().Which.Name.Should().Be("urn:dev:quoalise:greenhouse:3:bed:4_humiditeSol");
        other.Should().Be(IngestOutcome.Acknowledge);
        harness.ErrorStore.All.Should().BeEmpty();
    }
}
