using Microsoft.Extensions.Logging.Abstractions;
using Quoalise.Adapters.Mqtt.Commands;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Tests.Support;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Adapters.Mqtt.Tests.Commands;

public class CommandsTests
{
    private static readonly Jid Reader = Jid.Parse("reader@example.org/gajim");

    private PipelineHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new PipelineHarness();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task Get_beds_lists_the_beds_with_a_readable_series_and_only_those_series()
    {
        await _harness.RegisterAsync(1, 1);
        await _harness.RegisterAsync(2, 1);
        var command = GetBedsCommand.Create(_harness.BedStore, _harness.Beds, new GrantPolicy("reader@example.org", "urn:dev:quoalise:greenhouse:1:bed:1_humidite"));

        var outcome = await command.Handler(Request("get_beds"), CancellationToken.None);

        outcome.Table!.Rows.Should().ContainSingle().Which.Should().Equal(
            "1", "1", string.Empty, "2026-05-22T06:51:18.000Z", "admin@example.org",
            "urn:dev:quoalise:greenhouse:1:bed:1_humiditeAmbiante urn:dev:quoalise:greenhouse:1:bed:1_humiditeSol");
        command.Permission.Should().Be(Permission.Read);
    }

    [Test]
    public async Task Get_ingest_errors_filters_by_type_and_time_newest_first_and_refuses_a_reversed_range()
    {
        await _harness.PublishAsync("serre/5/bac/5", "{}");
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        await _harness.PublishAsync("serre/5/bac/5", """{"x": 1}""");
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        await _harness.PublishAsync("serre/5/bac/6", "{}");
        var command = GetIngestErrorsCommand.Create(_harness.ErrorStore, _harness.Time);

        var invalid = await command.Handler(Request("get_ingest_errors", ("type", IngestErrorType.InvalidPayload)), CancellationToken.None);
        var reversed = await command.Handler(Request("get_ingest_errors", ("start_time", "2026-05-22T08:00:00Z"), ("end_time", "2026-05-22T07:00:00Z")), CancellationToken.None);

        invalid.Table!.Rows.Select(r => r[2]).Should().Equal("serre/5/bac/6", "serre/5/bac/5");
        reversed.Error!.Field.Should().Be("end_time");
        command.Permission.Should().Be(Permission.Admin);
    }

    [Test]
    public async Task Get_controllers_filters_online_and_offline()
    {
        await _harness.PublishAsync("controleur/AA:AA:AA:AA:AA:01", """{"ip": "10.0.0.1", "status": true}""");
        await _harness.PublishAsync("controleur/AA:AA:AA:AA:AA:02", """{"ip": "10.0.0.2", "status": false}""");
        var command = GetControllersCommand.Create(_harness.Controllers);

        var offline = await command.Handler(Request("get_controllers", ("status", "offline")), CancellationToken.None);

        offline.Table!.Rows.Should().ContainSingle().Which.Take(3).Should().Equal("AA:AA:AA:AA:AA:02", "10.0.0.2", "no");
        offline.Fields.Single().Value.Should().Be("1 of 2");
    }

    [Test]
    public async Task Register_bed_is_idempotent_and_names_the_series_it_created()
    {
        var command = RegisterBedCommand.Create(_harness.Beds, _harness.Time, NullLogger.Instance);

        var first = await command.Handler(Request("register_bed", ("greenhouse", "3"), ("bed", "4"), ("label", " South ")), CancellationToken.None);
        var again = await command.Handler(Request("register_bed", ("greenhouse", "3"), ("bed", "4")), CancellationToken.None);

        first.Fields[0].Value.Should().Be("Greenhouse 3, bed 4: registered");
        first.Fields[1].Values.Should().HaveCount(3);
        again.Fields[0].Value.Should().Be("Greenhouse 3, bed 4: already registered, left unchanged");
        (await _harness.BedStore.FindAsync(3, 4, CancellationToken.None))!.Should().Match<Quoalise.Adapters.Mqtt.Storage.Bed>(b => b.Label == "South" && b.RegisteredBy == "reader@example.org");
    }

    private static CommandRequest Request(string node, params (string Var, string Value)[] values) =>
        new(Reader, node, new FormValues(values.ToDictionary(v => v.Var, v => (IReadOnlyList<string>)[v.Value])), "en");
}
