using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Disco;
using Quoalise.Protocol.Stanzas;
using Quoalise.Protocol.Tests.Support;

namespace Quoalise.Protocol.Tests.Disco;

public class DiscoHandlerTests
{
    private const string From = "alice@localhost/g";

    private static Transcript Create()
    {
        var registry = new CommandRegistry(Jid.Parse(TestOptions.Domain), new ReadOnly());
        registry.Add(new AdHocCommand { Node = "get_history", Name = "Get history", Permission = Permission.Read, Handler = (_, _) => Task.FromResult(CommandOutcome.Success("x")) });
        registry.Freeze();
        DiscoHandler? disco = null;
        disco = new DiscoHandler(new DiscoIdentity("component", "generic", "Quoalise"), () => disco!.Features, [registry]);
        return new Transcript([disco]);
    }

    [Test]
    public async Task Root_items_are_empty_and_the_command_list_node_has_its_own_identity()
    {
        var transcript = Create();

        await transcript.ExpectAsync(
            $"<iq type='get' id='1' from='{From}' to='quoalise.localhost'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>",
            "<iq xmlns='jabber:component:accept' type='result' id='1' from='quoalise.localhost' to='alice@localhost/g'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
        await transcript.ExpectAsync(
            $"<iq type='get' id='2' from='{From}' to='quoalise.localhost'><query xmlns='http://jabber.org/protocol/disco#info' node='http://jabber.org/protocol/commands'/></iq>",
            """
            <iq xmlns='jabber:component:accept' type='result' id='2' from='quoalise.localhost' to='alice@localhost/g'>
              <query xmlns='http://jabber.org/protocol/disco#info' node='http://jabber.org/protocol/commands'>
                <identity category='automation' type='command-list' name='Commands'/>
              </query>
            </iq>
            """);
    }

    [TestCase("disco#info")]
    [TestCase("disco#items")]
    public async Task An_unknown_node_is_item_not_found(string query)
    {
        var transcript = Create();

        var answer = await transcript.SendAsync(
            $"<iq type='get' id='1' from='{From}' to='quoalise.localhost'><query xmlns='http://jabber.org/protocol/{query}' node='nothing'/></iq>");

        answer.Descendants().Should().Contain(e => e.Name.LocalName == "item-not-found");
    }

    [Test]
    public async Task A_command_node_has_no_items_but_is_known()
    {
        var transcript = Create();

        await transcript.ExpectAsync(
            $"<iq type='get' id='1' from='{From}' to='quoalise.localhost'><query xmlns='http://jabber.org/protocol/disco#items' node='get_history'/></iq>",
            "<iq xmlns='jabber:component:accept' type='result' id='1' from='quoalise.localhost' to='alice@localhost/g'><query xmlns='http://jabber.org/protocol/disco#items' node='get_history'/></iq>");
    }

    private sealed class ReadOnly : ICommandAccessPolicy
    {
        public bool Allows(Jid requester, Permission permission) => permission == Permission.Read;
    }
}
