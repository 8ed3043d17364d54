using System.Text;
using System.Xml;
using Quoalise.Protocol.Stream;
using Quoalise.Protocol.Xml;
using Quoalise.Testing.Streams;

namespace Quoalise.Protocol.Tests.Stream;

public class StanzaReaderTests
{
    private const string Header =
        "<?xml version='1.0'?><stream:stream xml:lang='en' from='quoalise.localhost' xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept' id='abc'>";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Returns_each_stanza_as_soon_as_its_end_tag_arrives_without_waiting_for_the_next()
    {
        var (client, server) = DuplexPipe.CreatePair();
        var reader = new StanzaReader(client, 64 * 1024, 32);
        await Write(server, Header);
        (await reader.ReadHeaderAsync().WaitAsync(Timeout)).Id.Should().Be("abc");

        // The pitfall: XNode.ReadFrom would block here until more bytes arrived.
        await Write(server, "<handshake/>");
        var handshake = await reader.ReadAsync().WaitAsync(Timeout);

        handshake.Element!.Name.LocalName.Should().Be("handshake");
    }

    [Test]
    public async Task Reads_stanzas_split_across_writes_and_skips_whitespace_keepalives()
    {
        var (client, server) = DuplexPipe.CreatePair();
        var reader = new StanzaReader(client, 64 * 1024, 32);
        await Write(server, Header);
        await reader.ReadHeaderAsync();

        var read = reader.ReadAsync();
        await Write(server, " \n <iq type='get' id='1' from='a@b/c' to='quoalise.localhost'><ping xmlns='urn:xmpp:");
        await Write(server, "ping'/></iq>   ");
        var iq = (await read.WaitAsync(Timeout)).Element!;

        iq.Name.NamespaceName.Should().Be("jabber:component:accept");
        iq.Elements().Single().Name.NamespaceName.Should().Be("urn:xmpp:ping");
        ((string?)iq.Attribute("from")).Should().Be("a@b/c");
    }

    [Test]
    public async Task Rewrites_the_client_namespace_to_the_component_namespace()
    {
        var (client, server) = DuplexPipe.CreatePair();
        var reader = new StanzaReader(client, 64 * 1024, 32);
        await Write(server, Header + "<message xmlns='jabber:client' from='a@b' to='q'><body>hi</body></message>");
        await reader.ReadHeaderAsync();

        var message = (await reader.ReadAsync().WaitAsync(Timeout)).Element!;

        message.Name.NamespaceName.Should().Be("jabber:component:accept");
        message.Elements().Single().Name.NamespaceName.Should().Be("jabber:component:accept");
        message.Value.Should().Be("hi");
    }

    [Test]
    public async Task Skips_an_oversized_stanza_keeping_its_start_tag_and_reads_the_next_one()
    {
        var (client, server) = DuplexPipe.CreatePair();
        var reader = new StanzaReader(client, 16 * 1024, 32);
        await Write(server, Header);
        await reader.ReadHeaderAsync();

        var big = "<iq type='set' id='big' from='a@b/c' to='q'><query xmlns='urn:x'>" + string.Concat(Enumerable.Repeat("<v>0123456789</v>", 3000)) + "</query></iq>";
        await Write(server, big + "<iq type='get' id='small' from='a@b/c' to='q'><ping xmlns='urn:xmpp:ping'/></iq>");

        var skipped = await reader.ReadAsync().WaitAsync(Timeout);
        var next = await reader.ReadAsync().WaitAsync(Timeout);

        skipped.SkipReason.Should().Contain("larger than 16384 bytes");
        ((string?)skipped.Element!.Attribute("id")).Should().Be("big");
        skipped.Element.HasElements.Should().BeFalse();
        ((string?)next.Element!.Attribute("id")).Should().Be("small");
    }

    [Test]
    public async Task Skips_a_stanza_nested_too_deep_and_reads_the_next_one()
    {
        var (client, server) = DuplexPipe.CreatePair();
        var reader = new StanzaReader(client, 64 * 1024, 8);
        await Write(server, Header);
        await reader.ReadHeaderAsync();

        var deep = string.Concat(Enumerable.Repeat("<a>", 20)) + string.Concat(Enumerable.Repeat("</a>", 20));
        await Write(server, $"<message id='deep' from='a@b' to='q'>{deep}</message><message id='next' from='a@b' to='q'/>");

        var skipped = await reader.ReadAsync().WaitAsync(Timeout);
        var next = await reader.ReadAsync().WaitAsync(Timeout);

        skipped.SkipReason.Should().Contain("deeper than 8");
        ((string?)next.Element!.Attribute("id")).Should().Be("next");
    }

    [Test]
    public async Task Fails_outright_past_four_times_the_cap_so_one_huge_token_cannot_exhaust_memory()
    {
        var (client, server) = DuplexPipe.CreatePair();
        var reader = new StanzaReader(client, 1024, 32);
        await Write(server, Header);
        await reader.ReadHeaderAsync();

        var read = reader.ReadAsync();

        // Not awaited: once the reader gives up, nobody drains the pipe and the write would wait forever.
        _ = Write(server, "<message from='a@b' to='q'><body>" + new string('x', 64 * 1024));

        await read.Invoking(t => t.WaitAsync(Timeout)).Should().ThrowAsync<StanzaTooLargeException>();
    }

    [Test]
    public async Task Refuses_a_document_type_declaration()
    {
        var (client, server) = DuplexPipe.CreatePair();
        var reader = new StanzaReader(client, 64 * 1024, 32);
        await Write(server, "<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY x 'boom'>]>" + Header[21..]);

        await reader.Invoking(r => r.ReadHeaderAsync().WaitAsync(Timeout)).Should().ThrowAsync<XmlException>();
    }

    [Test]
    public async Task Refuses_an_undeclared_entity_inside_a_stanza()
    {
        var (client, server) = DuplexPipe.CreatePair();
        var reader = new StanzaReader(client, 64 * 1024, 32);
        await Write(server, Header + "<message from='a@b' to='q'><body>&xxe;</body></message>");
        await reader.ReadHeaderAsync();

        await reader.Invoking(r => r.ReadAsync().WaitAsync(Timeout)).Should().ThrowAsync<XmlException>();
    }

    [TestCase("<!-- hidden -->")]
    [TestCase("<?pi data?>")]
    public async Task Treats_comments_and_processing_instructions_as_restricted_xml(string restricted)
    {
        var (client, server) = DuplexPipe.CreatePair();
        var reader = new StanzaReader(client, 64 * 1024, 32);
        await Write(server, Header + $"<message from='a@b' to='q'>{restricted}</message>");
        await reader.ReadHeaderAsync();

        (await reader.Invoking(r => r.ReadAsync().WaitAsync(Timeout)).Should().ThrowAsync<StreamErrorException>())
            .Which.Condition.Should().Be(StreamErrorCondition.RestrictedXml);
    }

    [Test]
    public async Task Reports_the_end_of_the_stream()
    {
        var (client, server) = DuplexPipe.CreatePair();
        var reader = new StanzaReader(client, 64 * 1024, 32);
        await Write(server, Header + "</stream:stream>");
        await reader.ReadHeaderAsync();

        (await reader.ReadAsync().WaitAsync(Timeout)).IsEnd.Should().BeTrue();
    }

    [Test]
    public async Task A_connection_cut_in_the_middle_of_the_stream_is_an_end_of_stream_not_malformed_xml()
    {
        var (client, server) = DuplexPipe.CreatePair();
        var reader = new StanzaReader(client, 64 * 1024, 32);
        await Write(server, Header + "<message from='a@b' to='q'><bo");
        await reader.ReadHeaderAsync();

        var read = reader.ReadAsync();
        await server.DisposeAsync();

        await read.Invoking(t => t.WaitAsync(Timeout)).Should().ThrowAsync<EndOfStreamException>();
    }

    private static async Task Write(System.IO.Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await stream.FlushAsync();
    }
}
