using Microsoft.Extensions.Options;
using Quoalise.Component.Access;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Tests.Access;

public class AccessPolicyTests
{
    private static AccessPolicy Policy(AccessOptions options)
    {
        new AccessOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
        return new AccessPolicy(Options.Create(options));
    }

    [Test]
    public void Admins_hold_every_permission_on_every_series_whatever_resource_or_case()
    {
        var policy = Policy(new AccessOptions { Admins = ["Alice@Example.org"] });

        policy.Allows(Jid.Parse("alice@example.org"), Permission.Admin).Should().BeTrue();
        policy.MayRead(Jid.Parse("alice@example.org"), "urn:dev:anything").Should().BeTrue();
        policy.Allows(Jid.Parse("bob@example.org"), Permission.Read).Should().BeFalse();
    }

    [Test]
    public void Grants_give_their_role_and_the_roles_below_it_to_their_subject_only()
    {
        var policy = Policy(new AccessOptions
        {
            Grants =
            [
                new GrantOptions { Subject = "*@partner.example", Role = "read", Series = ["urn:dev:mac:*"] },
                new GrantOptions { Subject = "ops@example.org", Role = "operate" },
                new GrantOptions { Subject = "app.example.net", Role = "read" },
            ],
        });

        policy.Allows(Jid.Parse("anyone@partner.example"), Permission.Read).Should().BeTrue();
        policy.Allows(Jid.Parse("anyone@partner.example"), Permission.Operate).Should().BeFalse();
        policy.Allows(Jid.Parse("partner.example"), Permission.Read).Should().BeFalse("*@domain covers accounts, not the domain itself");
        policy.Allows(Jid.Parse("ops@example.org"), Permission.Read).Should().BeTrue();
        policy.Allows(Jid.Parse("ops@example.org"), Permission.Operate).Should().BeTrue();
        policy.Allows(Jid.Parse("ops@example.org"), Permission.Admin).Should().BeFalse();
        policy.Allows(Jid.Parse("app.example.net"), Permission.Read).Should().BeTrue();
        policy.Allows(Jid.Parse("user@app.example.net"), Permission.Read).Should().BeFalse();
    }

    [Test]
    public void Series_patterns_limit_what_a_grant_may_read_and_no_pattern_means_every_series()
    {
        var policy = Policy(new AccessOptions
        {
            Grants =
            [
                new GrantOptions { Subject = "*@partner.example", Series = ["urn:dev:mac:0024*_temperature"] },
                new GrantOptions { Subject = "ops@example.org", Role = "operate" },
            ],
        });

        policy.MayRead(Jid.Parse("x@partner.example"), "urn:dev:mac:0024befffe804ff1_temperature").Should().BeTrue();
        policy.MayRead(Jid.Parse("x@partner.example"), "urn:dev:mac:0024befffe804ff1_humidity").Should().BeFalse();
        policy.MayRead(Jid.Parse("x@partner.example"), "urn:dev:mac:0024.+_temperature").Should().BeTrue("'.' and '+' are literal");
        policy.MayRead(Jid.Parse("ops@example.org"), "urn:dev:ocpp:cp1:1_energy").Should().BeTrue();
        policy.MayRead(Jid.Parse("stranger@example.org"), "urn:dev:ocpp:cp1:1_energy").Should().BeFalse();
    }

    [Test]
    public void The_validator_names_each_wrong_key()
    {
        var result = new AccessOptionsValidator().Validate(null, new AccessOptions
        {
            Admins = ["alice@example.org/phone", "not a jid"],
            Grants = [new GrantOptions { Subject = "*@", Role = "superuser", Series = [" "] }],
            Commands = new RateLimitSettings { PermitsPerMinute = 0, Burst = 1 },
        });

        result.Failures.Should().BeEquivalentTo(
            "Access:Admins:0 must be a bare JID such as alice@example.org (got 'alice@example.org/phone').",
            "Access:Admins:1 must be a bare JID such as alice@example.org (got 'not a jid').",
            "Access:Grants:0:Subject must be a bare JID, *@domain, a domain or * (got '*@').",
            "Access:Grants:0:Role must be read, operate or admin (got 'superuser').",
            "Access:Grants:0:Series:0 must be a series identifier pattern such as urn:dev:* (got an empty value).",
            "Access:Commands:PermitsPerMinute and Access:Commands:Burst must be at least 1 (got 0 and 1).");
    }
}
