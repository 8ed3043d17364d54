using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Quoalise.Adapters.Storage;
using Quoalise.IntegrationTests.Support;
using Quoalise.Protocol.Quoalise;
using Quoalise.Testing.Xml;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Xmpp;

/// <summary>
/// The core series commands over a real Prosody with real slixmpp clients, on the default SQLite
/// storage: history with paging, access refusals, subscriptions and live pushes, listings, and the
/// administrators' status and audit trail.
/// </summary>
[NonParallelizable] // One Prosody, one component and three clients shared by the fixture's tests.
public class SeriesCommandsTests
{
    private const string Component = "quoalise.localhost";
    private const string Temperature = "urn:dev:test:a1_temperature";
    private const string Humidity = "urn:dev:test:a1_humidity";
    private const string Secret = "urn:dev:test:b1_secret";
    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private XmppTestBed _bed = null!;
    private string _data = null!;
    private QuoaliseHost _host = null!;
    private SlixmppClient _admin = null!;
    private SlixmppClient _reader = null!;
    private SlixmppClient _stranger = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _bed = await XmppTestBed.StartAsync(Component, "admin", "reader", "stranger");
        _data = Directory.CreateTempSubdirectory("quoalise-series-").FullName;
        _host = await StartHostAsync();
        var catalog = _host.Services.GetRequiredService<ISeriesCatalog>();
        var meta = new QuoaliseMeta(Measurement: new MeasurementMeta(Name: "temperature", Quantity: "temperature", Unit: "Cel"));
        await catalog.RegisterAsync([new SeriesDefinition(Temperature, "test", meta, "Bed 1 temperature")], CancellationToken.None);
        await catalog.RegisterAsync([new SeriesDefinition(Humidity, "test", meta with { Measurement = new MeasurementMeta(Unit: "%RH") }, "Bed 1 humidity")], CancellationToken.None);
        await catalog.RegisterAsync([new SeriesDefinition(Secret, "test", QuoaliseMeta.Empty)], CancellationToken.None);
        await WriteAsync(Temperature, Enumerable.Range(0, 12_000).Select(i => Point(Temperature, i * 60, 20 + (i % 10 / 10.0))).ToList());

        _admin = await _bed.ConnectAsync("admin");
        _reader = await _bed.ConnectAsync("reader");
        _stranger = await _bed.ConnectAsync("stranger");
        await _reader.SetPresenceAsync(1);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _bed.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Test]
    public async Task Get_history_returns_the_points_as_schema_valid_quoalise_after_a_success_form()
    {
        var reply = new CommandReply(await _reader.ExecuteCommandAsync(Component, "get_history", Range(Temperature, 0, 600)));

        reply.Status.Should().Be("completed");
        reply.Field("result").Should().Be("Success");
        reply.Field("points").Should().Be("10");
        SchemaValidation.AssertPayloadsValid(reply.Command!);
        var data = QuoalisePayloadCodec.Read(reply.Quoalise!).Single();
        data.Meta.Measurement!.Unit.Should().Be("Cel");
        data.Records.Should().HaveCount(10);
        data.Records[0].Should().Be(Point(Temperature, 0, 20));
        data.Records[^1].Should().Be(Point(Temperature, 540, 20.9));
    }

    [Test]
    public async Task A_long_range_is_paged_under_the_stanza_cap_and_following_next_start_time_yields_every_point_once()
    {
        var received = new List<SenMLRecord>();
        var start = Iso(Origin);
        var pages = 0;
        while (true)
        {
            var reply = new CommandReply(await _reader.ExecuteCommandAsync(Component, "get_history", Fields.Of(
                ("identifier", Temperature), ("start_time", start), ("end_time", Iso(Origin.AddDays(30))))));
            pages++;
            reply.Iq.ToString(SaveOptions.DisableFormatting).Length.Should().BeLessThan(256 * 1024);
            received.AddRange(QuoalisePayloadCodec.Read(reply.Quoalise!).Single().Records);
            if (reply.Field("next_start_time") is not { } next)
            {
                break;
            }

            reply.Notes.Should().Contain(n => n.Text.Contains(next, StringComparison.Ordinal));
            start = next;
        }

        pages.Should().Be(3);
        received.Should().HaveCount(12_000);
        received.Select(r => r.Time).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Test]
    public async Task Series_outside_a_grant_are_not_authorized_unknown_ones_not_found_and_a_reversed_range_a_bad_request()
    {
        var denied = new CommandReply(await _reader.ExecuteCommandAsync(Component, "get_history", Range(Secret, 0, 60)));
        var unknown = new CommandReply(await _admin.ExecuteCommandAsync(Component, "get_history", Range("urn:dev:test:nothing", 0, 60)));
        var reversed = new CommandReply(await _reader.ExecuteCommandAsync(Component, "get_history", Range(Temperature, 600, 0)));

        denied.ErrorCondition.Should().Be("not-authorized");
        denied.ErrorText.Should().Be($"reader@localhost is not allowed to read {Secret}.");
        unknown.ErrorCondition.Should().Be("item-not-found");
        reversed.ErrorCondition.Should().Be("bad-request");
        reversed.ErrorText.Should().Contain("'end_time'");
    }

    [Test]
    public async Task In_gajim_the_identifier_is_a_choice_among_the_series_the_requester_may_read()
    {
        var stage = new CommandReply(await _reader.ExecuteCommandAsync(Component, "get_history"));

        var identifier = stage.Form.Field("identifier")!;
        identifier.Type.Should().Be(Quoalise.Protocol.Forms.FormFieldType.ListSingle);
        identifier.Options.Select(o => o.Value).Should().Equal(Humidity, Temperature);
        identifier.Options[1].Label.Should().Be($"Bed 1 temperature ({Temperature})");
        stage.Form.Field("start_time")!.Value.Should().NotBeNull("the form proposes the last day");
        await _reader.ExecuteCommandAsync(Component, "get_history", action: "cancel", sessionId: stage.SessionId);
    }

    [Test]
    public async Task List_series_shows_only_readable_series_with_their_unit()
    {
        var reply = new CommandReply(await _reader.ExecuteCommandAsync(Component, "list_series", Fields.Of(("format", "table"))));

        reply.Forms[0].Items.Select(row => row[0].Value).Should().Equal(Humidity, Temperature);
        reply.Forms[0].Items.Select(row => row[3].Value).Should().Equal("%RH", "Cel");
    }

    [Test]
    public async Task A_subscriber_receives_new_points_as_messages_and_stops_after_unsubscribing_and_subscriptions_survive_a_restart()
    {
        var subscribed = new CommandReply(await _reader.ExecuteCommandAsync(Component, "subscribe", Fields.Of(("identifier", Humidity))));
        var again = new CommandReply(await _reader.ExecuteCommandAsync(Component, "subscribe", Fields.Of(("identifier", Humidity))));
        subscribed.Status.Should().Be("completed");
        again.Notes.Should().ContainSingle().Which.Text.Should().Be("You were already subscribed.");

        // One committed batch with a series nobody follows in the middle: only the followed one is pushed.
        await WriteAsync(Humidity, [Point(Humidity, 100_000, 55.5), Point(Temperature, 100_000, 21), Point(Humidity, 100_060, 56)]);
        var pushed = await _reader.NextDataMessageAsync();
        ((string?)pushed.Attribute("from")).Should().Be(Component);
        SchemaValidation.AssertPayloadsValid(pushed);
        QuoalisePayloadCodec.Read(pushed.Elements().Single(e => e.Name.LocalName == "quoalise")).Single().Records.Select(r => r.Value).Should().Equal(55.5, 56);

        await _host.DisposeAsync();
        _host = await StartHostAsync();
        await WriteAsync(Humidity, [Point(Humidity, 100_120, 57)]);
        var afterRestart = await _reader.NextDataMessageAsync();
        QuoalisePayloadCodec.Read(afterRestart.Elements().Single(e => e.Name.LocalName == "quoalise")).Single().Records.Single().Value.Should().Be(57);

        var listed = new CommandReply(await _reader.ExecuteCommandAsync(Component, "list_subscriptions"));
        listed.Form.Field("rows")!.Values.Should().Contain(v => v.StartsWith(Humidity, StringComparison.Ordinal));
        var ended = new CommandReply(await _reader.ExecuteCommandAsync(Component, "unsubscribe", Fields.Of(("identifier", "urn:dev:test:a1_*"))));
        ended.Field("removed").Should().Be("1");
        await WriteAsync(Humidity, [Point(Humidity, 100_180, 58)]);
        (await _reader.NextMessageAsync(TimeSpan.FromSeconds(1))).Should().BeNull("nothing is pushed after unsubscribing");
    }

    [Test]
    public async Task Subscribing_to_a_series_outside_the_grants_is_not_authorized()
    {
        var reply = new CommandReply(await _reader.ExecuteCommandAsync(Component, "subscribe", Fields.Of(("identifier", Secret))));

        reply.ErrorCondition.Should().Be("not-authorized");
    }

    [Test]
    public async Task Administrators_see_the_component_status_and_the_audit_trail_of_every_request()
    {
        await _stranger.ExecuteCommandAsync(Component, "get_history", Range(Temperature, 0, 60));

        var status = new CommandReply(await _admin.ExecuteCommandAsync(Component, "component_status"));
        var audit = new CommandReply(await _admin.ExecuteCommandAsync(Component, "get_audit_trail", Fields.Of(("requester", "stranger@localhost"), ("format", "table"))));
        var refused = new CommandReply(await _reader.ExecuteCommandAsync(Component, "component_status"));

        status.Field("xmpp").Should().Be("online");
        status.Field("storage").Should().StartWith("reachable");
        audit.Forms[0].Items.Should().Contain(row => row[2].Value == "get_history" && row[3].Value == "denied");
        refused.ErrorCondition.Should().Be("forbidden");
    }

    private async Task<QuoaliseHost> StartHostAsync()
    {
        var settings = _bed.Settings();
        settings["Storage:DataDirectory"] = _data;
        settings["Access:Admins:0"] = "admin@localhost";
        settings["Access:Grants:0:Subject"] = "reader@localhost";
        settings["Access:Grants:0:Series:0"] = "urn:dev:test:a*";
        return await QuoaliseHost.StartAsync(settings);
    }

    private Task WriteAsync(string series, IReadOnlyList<SenMLRecord> points) =>
        _host.Services.GetRequiredService<ISeriesWriter>().WriteAsync(points, CancellationToken.None);

    private static SenMLRecord Point(string series, int seconds, double value) => new(series, Origin.AddSeconds(seconds), Value: value);

    private static Dictionary<string, IReadOnlyList<string>> Range(string series, int fromSeconds, int toSeconds) =>
        Fields.Of(("identifier", series), ("start_time", Iso(Origin.AddSeconds(fromSeconds))), ("end_time", Iso(Origin.AddSeconds(toSeconds))));

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFK", CultureInfo.InvariantCulture);
}
