using Quoalise.Adapters.Ocpp.Authorization;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Tests.Authorization;

public class IdTagAuthorizerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cache = TimeSpan.FromDays(1);

    [Test]
    public void An_unlisted_tag_is_invalid_unless_access_is_open()
    {
        IdTagAuthorizer.Decide(null, null, Now, openAccess: false, Cache).Should().Be(new IdTagDecision("Invalid", null, null));
        IdTagAuthorizer.Decide(null, null, Now, openAccess: true, Cache).Should().Be(new IdTagDecision("Accepted", Now + Cache, null));
    }

    [Test]
    public void An_accepted_tag_gets_an_expiry_bounding_the_chargers_cache()
    {
        IdTagAuthorizer.Decide(Tag(), null, Now, false, Cache).Should().Be(new IdTagDecision("Accepted", Now + Cache, null));
        IdTagAuthorizer.Decide(Tag(expiry: Now.AddHours(2)), null, Now, false, Cache).Expiry.Should().Be(Now.AddHours(2));
    }

    [Test]
    public void Blocked_expired_and_listed_statuses_are_answered()
    {
        IdTagAuthorizer.Decide(Tag(blocked: true), null, Now, false, Cache).Status.Should().Be("Blocked");
        IdTagAuthorizer.Decide(Tag(expiry: Now.AddSeconds(-1)), null, Now, false, Cache).Status.Should().Be("Expired");
        IdTagAuthorizer.Decide(Tag(status: "Invalid"), null, Now, false, Cache).Status.Should().Be("Invalid");
        IdTagAuthorizer.Decide(Tag(status: "Blocked"), null, Now, false, Cache).Status.Should().Be("Blocked");
    }

    [Test]
    public void The_parent_blocks_or_expires_its_whole_group_and_is_named()
    {
        var member = Tag(parent: "GROUP");

        IdTagAuthorizer.Decide(member, Tag("GROUP", blocked: true), Now, false, Cache).Should().Be(new IdTagDecision("Blocked", null, "GROUP"));
        IdTagAuthorizer.Decide(member, Tag("GROUP", expiry: Now.AddMinutes(-1)), Now, false, Cache).Status.Should().Be("Expired");
        IdTagAuthorizer.Decide(member, Tag("GROUP", expiry: Now.AddHours(1)), Now, false, Cache).Should().Be(new IdTagDecision("Accepted", Now.AddHours(1), "GROUP"));
    }

    private static IdTagRow Tag(string id = "TAG", string status = "Accepted", DateTimeOffset? expiry = null, string? parent = null, bool blocked = false) =>
        new() { IdTag = id, Status = status, ExpiryUs = expiry is { } e ? UnixMicros.From(e) : null, ParentIdTag = parent, Blocked = blocked ? 1 : 0 };
}
