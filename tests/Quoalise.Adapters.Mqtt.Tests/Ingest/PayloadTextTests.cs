using Quoalise.Adapters.Mqtt.Ingest;

namespace Quoalise.Adapters.Mqtt.Tests.Ingest;

public class PayloadTextTests
{
    [Test]
    public void Valid_UTF_8_is_kept_and_invalid_bytes_and_controls_are_escaped()
    {
        PayloadText.Excerpt("{\"é\": 1}"u8, 256).Should().Be("{\"é\": 1}");
        PayloadText.Excerpt([0x7B, 0xFF, 0x00, 0x7D], 256).Should().Be("{\\xFF\\x00}");
    }

    [Test]
    public void Long_payloads_are_cut_to_the_limit_with_an_ellipsis()
    {
        var excerpt = PayloadText.Excerpt(new byte[10_000].AsSpan().ToArray().Select(_ => (byte)'a').ToArray(), 256);

        excerpt.Should().HaveLength(256).And.EndWith("…");
    }

    [Test]
    public void Strict_decoding_refuses_what_a_lenient_decoder_would_replace()
    {
        PayloadText.TryDecode("ok"u8).Should().Be("ok");
        PayloadText.TryDecode([0xC3, 0x28]).Should().BeNull();
        PayloadText.TryDecode([0xED, 0xA0, 0x80]).Should().BeNull("an encoded surrogate is not UTF-8");
    }
}
