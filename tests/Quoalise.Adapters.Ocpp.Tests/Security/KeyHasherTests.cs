using Quoalise.Adapters.Ocpp.Security;

namespace Quoalise.Adapters.Ocpp.Tests.Security;

public class KeyHasherTests
{
    [Test]
    public void A_key_verifies_against_its_salted_hash_and_no_other_key_does()
    {
        var hash = KeyHasher.Hash("0123456789abcdef");

        hash.Should().StartWith("pbkdf2-sha256$100000$");
        KeyHasher.Verify("0123456789abcdef", hash).Should().BeTrue();
        KeyHasher.Verify("0123456789abcdeF", hash).Should().BeFalse();
        KeyHasher.Hash("0123456789abcdef").Should().NotBe(hash, "every hash has its own salt");
    }

    [TestCase("")]
    [TestCase("plain-text-key")]
    [TestCase("pbkdf2-sha256$0$AAAA$AAAA")]
    [TestCase("pbkdf2-sha256$1000$not base64$AAAA")]
    [TestCase("bcrypt$10$x$y")]
    public void A_stored_value_that_is_not_one_of_our_hashes_verifies_nothing(string stored) =>
        KeyHasher.Verify("anything", stored).Should().BeFalse();

    [Test]
    public void The_cost_is_at_least_100000_iterations() => KeyHasher.Iterations.Should().BeGreaterThanOrEqualTo(100_000);
}
