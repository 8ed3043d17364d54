using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Audit;
using Quoalise.Component.Storage.InMemory;
using Quoalise.Protocol.Quoalise;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Tests.Storage;

/// <summary>The in-memory twins keep the contracts of the SQL stores (tested on real engines in the integration suite).</summary>
public sealed class InMemoryTwinTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Jid Alice = Jid.Parse("alice@example.org");

    [Test]
    public async Task Points_keep_microseconds_the_last_write_wins_and_pages_chain()
    {
        var store = new InMemoryPointStore();
        await store.WriteAsync([.. Enumerable.Range(0, 5).Select(i => new SenMLRecord("s", T0.AddTicks(i * 10 + 3), Value: i))], CancellationToken.None);
        await store.WriteAsync([new SenMLRecord("s", T0, Value: 42)], CancellationToken.None);

        var first = await store.ReadAsync(new SeriesQuery("s", T0, T0.AddSeconds(1), 3), CancellationToken.None);
        var second = await store.ReadAsync(new SeriesQuery("s", T0, T0.AddSeconds(1), 3, first.NextAfter), CancellationToken.None);

        first.Points.Select(p => p.Value).Should().Equal(42, 1, 2);
        first.Points[1].Time.Should().Be(T0.AddTicks(10));
        second.Points.Select(p => p.Value).Should().Equal(3, 4);
        second.NextAfter.Should().BeNull();
    }

    [Test]
    public async Task Subscriptions_are_idempotent_and_kept_bare()
    {
        var store = new InMemorySubscriptionStore();

        (await store.AddAsync(Alice.WithResource("phone"), "s", CancellationToken.None)).Should().BeTrue();
        (await store.AddAsync(Alice, "s", CancellationToken.None)).Should().BeFalse();
        (await store.ListAllAsync(CancellationToken.None)).Select(s => (s.Subscriber, s.SeriesIdentifier)).Should().Equal((Alice, "s"));
        (await store.RemoveAsync(Alice, "s", CancellationToken.None)).Should().BeTrue();
        (await store.RemoveAsync(Alice, "s", CancellationToken.None)).Should().BeFalse();
    }

    [Test]
    public async Task The_audit_trail_filters_and_returns_the_newest_first()
    {
        var trail = new InMemoryAuditTrail();
        await trail.RecordAsync([new AuditEntry(Alice.WithResource("desk"), "get_records", ["s"], T0, AuditOutcome.Completed)], CancellationToken.None);
        await trail.RecordAsync([new AuditEntry(Alice, "start_charge", [], T0.AddSeconds(1), AuditOutcome.Denied, "no")], CancellationToken.None);

        (await trail.QueryAsync(new AuditQuery(Alice), 10, CancellationToken.None)).Select(e => e.Node).Should().Equal("start_charge", "get_records");
        (await trail.QueryAsync(new AuditQuery(Outcome: AuditOutcome.Completed), 10, CancellationToken.None))
            .Should().ContainSingle().Which.Requester.Should().Be(Alice);
    }

    [Test]
    public async Task The_catalogue_replaces_on_register_and_lists_by_adapter()
    {
        var catalog = new InMemorySeriesCatalog();
        await catalog.RegisterAsync([new SeriesDefinition("b", "mqtt", QuoaliseMeta.Empty), new SeriesDefinition("a", "mqtt", QuoaliseMeta.Empty)], CancellationToken.None);
        await catalog.RegisterAsync([new SeriesDefinition("b", "ocpp", QuoaliseMeta.Empty, "moved")], CancellationToken.None);

        (await catalog.ListAsync("mqtt", CancellationToken.None)).Select(s => s.Identifier).Should().Equal("a");
        (await catalog.FindAsync("b", CancellationToken.None))!.Description.Should().Be("moved");
    }
}
