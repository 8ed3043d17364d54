using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Tests.Stanzas;

public class JidTests
{
    [TestCase("alice@example.org/Gajim.1", "alice", "example.org", "Gajim.1")]
    [TestCase("example.org", null, "example.org", null)]
    [TestCase("quoalise.localhost/res/with/slashes", null, "quoalise.localhost", "res/with/slashes")]
    [TestCase("Alice@Example.ORG/Res", "alice", "example.org", "Res")]
    [TestCase("alice@example.org.", "alice", "example.org", null)]
    public void Parses_the_three_parts_and_folds_case_except_in_the_resource(string text, string? local, string domain, string? resource)
    {
        var jid = Jid.Parse(text);

        jid.Local.Should().Be(local);
        jid.Domain.Should().Be(domain);
        jid.Resource.Should().Be(resource);
    }

    [TestCase("")]
    [TestCase("@example.org")]
    [TestCase("alice@")]
    [TestCase("al ice@example.org")]
    [TestCase("al\"ice@example.org")]
    [TestCase("alice@example.org/")]
    [TestCase("a@b@example.org")]
    public void Rejects_malformed_addresses(string text)
    {
        Jid.TryParse(text, out _).Should().BeFalse();
        var parse = () => Jid.Parse(text);
        parse.Should().Throw<FormatException>();
    }

    [Test]
    public void Rejects_a_part_longer_than_1023_bytes_and_does_not_echo_it()
    {
        var text = new string('a', 1024) + "@example.org";

        var parse = () => Jid.Parse(text);

        parse.Should().Throw<FormatException>().Which.Message.Length.Should().BeLessThan(200);
    }

    [Test]
    public void Bare_drops_the_resource_and_equality_ignores_case_of_local_and_domain()
    {
        var full = Jid.Parse("Bob@Example.org/phone");

        full.Bare.ToString().Should().Be("bob@example.org");
        full.Bare.Should().Be(Jid.Parse("bob@example.org"));
        full.Should().NotBe(Jid.Parse("bob@example.org/Phone"));
        (full.Bare == Jid.Parse("BOB@example.org")).Should().BeTrue();
    }
}
