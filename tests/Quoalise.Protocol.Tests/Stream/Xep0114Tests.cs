using Quoalise.Protocol.Stream;

namespace Quoalise.Protocol.Tests.Stream;

public class Xep0114Tests
{
    // Vectors from the research notes: one from the XEP's id, one recomputed against Prosody 0.12.3.
    [TestCase("3BF96D32", "secret", "b09ea9b3b7f586be8a08d0a3dd7466f110aeb136")]
    [TestCase("12df719b-e7f4-4ce8-90a7-e29e986b219e", "secret", "6245e16ba7a4a32a3283ee5ddd44cf08ecd09f69")]
    public void Handshake_digest_is_lowercase_hex_sha1_of_stream_id_and_secret(string streamId, string secret, string expected)
    {
        Xep0114.HandshakeDigest(streamId, secret).Should().Be(expected);
    }

    [Test]
    public void Stream_header_carries_only_the_three_attributes_and_escapes_the_domain()
    {
        Xep0114.StreamHeader("q'uoalise.localhost").Should().Be(
            "<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' to='q&apos;uoalise.localhost'>");
    }
}
