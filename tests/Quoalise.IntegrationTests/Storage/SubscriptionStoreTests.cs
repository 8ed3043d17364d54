using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Subscriptions;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.IntegrationTests.Storage;

[TestFixture(SqlEngine.Sqlite)]
[TestFixture(SqlEngine.MySql)]
[TestFixture(SqlEngine.Postgres)]
public sealed class SubscriptionStoreTests(SqlEngine engine) : StorageFixture(engine)
{
    private ISubscriptionStore Store => Get<ISubscriptionStore>();

    [Test]
    public async Task Adding_twice_reports_new_then_existing()
    {
        var alice = UniqueJid();
        var series = UniqueSeries();

        (await Store.AddAsync(alice, series, CancellationToken.None)).Should().BeTrue();
        (await Store.AddAsync(alice, series, CancellationToken.None)).Should().BeFalse();

        (await Store.ListBySubscriberAsync(alice, CancellationToken.None)).Should().ContainSingle();
    }

    [Test]
    public async Task Removing_reports_whether_the_subscription_existed()
    {
        var alice = UniqueJid();
        var series = UniqueSeries();
        await Store.AddAsync(alice, series, CancellationToken.None);

        (await Store.RemoveAsync(alice, series, CancellationToken.None)).Should().BeTrue();
        (await Store.RemoveAsync(alice, series, CancellationToken.None)).Should().BeFalse();

        (await SubscribersAsync(series)).Should().BeEmpty();
    }

    [Test]
    public async Task A_full_jid_subscribes_its_bare_jid()
    {
        var alice = UniqueJid();
        var series = UniqueSeries();

        await Store.AddAsync(alice.WithResource("phone"), series, CancellationToken.None);

        (await Store.AddAsync(alice.WithResource("laptop"), series, CancellationToken.None)).Should().BeFalse();
        (await SubscribersAsync(series)).Should().Equal(alice);
    }

    [Test]
    public async Task Listings_go_both_ways_in_order()
    {
        var alice = UniqueJid("alice");
        var bob = UniqueJid("bob");
        var one = UniqueSeries(":1");
        var two = one[..^2] + ":2";
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await Store.AddAsync(alice, two, CancellationToken.None);
        await Store.AddAsync(alice, one, CancellationToken.None);
        await Store.AddAsync(bob, one, CancellationToken.None);

        var ofAlice = await Store.ListBySubscriberAsync(alice, CancellationToken.None);
        ofAlice.Select(s => s.SeriesIdentifier).Should().Equal(one, two);
        ofAlice.Should().OnlyContain(s => s.Subscriber == alice && s.Created > before);
        var all = (await Store.ListAllAsync(CancellationToken.None)).Where(s => s.SeriesIdentifier == one || s.SeriesIdentifier == two).ToList();
        all.Select(s => (s.SeriesIdentifier, s.Subscriber)).Should().Equal((one, alice), (one, bob), (two, alice));
    }

    // Fixtures share the database: other tests' subscriptions are left out by series.
    private async Task<List<Jid>> SubscribersAsync(string series) =>
        [.. (await Store.ListAllAsync(CancellationToken.None)).Where(s => s.SeriesIdentifier == series).Select(s => s.Subscriber)];

    private static Jid UniqueJid(string name = "alice") => Jid.Parse($"{name}-{Guid.NewGuid():N}@example.org");
}
