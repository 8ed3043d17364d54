using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Audit;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.IntegrationTests.Storage;

[TestFixture(SqlEngine.Sqlite)]
[TestFixture(SqlEngine.MySql)]
[TestFixture(SqlEngine.Postgres)]
public sealed class AuditTrailStoreTests(SqlEngine engine) : StorageFixture(engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private IAuditTrail Trail => Get<IAuditTrail>();

    [Test]
    public async Task Entries_come_back_newest_first_with_every_field()
    {
        var operator_ = UniqueJid();
        AuditEntry[] entries =
        [
            new(operator_, "get_records", [UniqueSeries(":a"), UniqueSeries(":b")], T0, AuditOutcome.Completed),
            new(operator_, "start_charge", [], T0.AddSeconds(1), AuditOutcome.Failed, "Charge point CP-1 is not connected."),
            new(operator_, "delete_data", ["x"], T0.AddSeconds(2), AuditOutcome.Denied, "Operators only."),
        ];
        foreach (var entry in entries)
        {
            await Trail.RecordAsync([entry with { Requester = operator_.WithResource("desk") }], CancellationToken.None);
        }

        var found = await Trail.QueryAsync(new AuditQuery(Requester: operator_), 10, CancellationToken.None);

        found.Should().BeEquivalentTo(entries.Reverse(), o => o.WithStrictOrdering());
    }

    [Test]
    public async Task Filters_combine_and_the_limit_keeps_the_newest()
    {
        var alice = UniqueJid();
        var bob = UniqueJid();
        for (var i = 0; i < 5; i++)
        {
            await Trail.RecordAsync([new AuditEntry(alice, "get_records", [], T0.AddMinutes(i), AuditOutcome.Completed)], CancellationToken.None);
            await Trail.RecordAsync([new AuditEntry(bob, "get_records", [], T0.AddMinutes(i), AuditOutcome.Completed)], CancellationToken.None);
        }

        await Trail.RecordAsync([new AuditEntry(alice, "start_charge", [], T0.AddMinutes(2), AuditOutcome.Failed, "no")], CancellationToken.None);

        (await Trail.QueryAsync(new AuditQuery(alice, "get_records", AuditOutcome.Completed, T0.AddMinutes(1), T0.AddMinutes(4)), 10, CancellationToken.None))
            .Select(e => e.Time).Should().Equal(T0.AddMinutes(3), T0.AddMinutes(2), T0.AddMinutes(1));
        (await Trail.QueryAsync(new AuditQuery(alice, Outcome: AuditOutcome.Failed), 10, CancellationToken.None))
            .Should().ContainSingle().Which.Node.Should().Be("start_charge");
        (await Trail.QueryAsync(new AuditQuery(bob), 2, CancellationToken.None))
            .Select(e => e.Time).Should().Equal(T0.AddMinutes(4), T0.AddMinutes(3));
    }

    private static Jid UniqueJid() => Jid.Parse($"operator-{Guid.NewGuid():N}@example.org");
}
