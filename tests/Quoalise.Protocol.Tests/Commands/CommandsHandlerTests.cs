using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Routing;
using Quoalise.Protocol.Stanzas;
using Quoalise.Protocol.Tests.Support;

namespace Quoalise.Protocol.Tests.Commands;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class CommandsHandlerTests
{
    private const string Alice = "alice@localhost/gajim";
    private readonly FakeTimeProvider _time = new();
    private readonly ConcurrentQueue<CommandAuditEntry> _audit = new();
    private readonly CommandRegistry _registry;
    private readonly Transcript _transcript;
    private int _sessions;

    public CommandsHandlerTests()
    {
        _registry = new CommandRegistry(Jid.Parse(TestOptions.Domain), new AllowAll());
        _registry.Add(new AdHocCommand
        {
            Node = "login",
            Name = "Log in",
            Permission = Permission.Read,
            Stages = [CommandStage.Fixed("Credentials", [FormField.TextSingle("user", "User", required: true), FormField.TextPrivate("password", "Password", required: true)])],
            Handler = (request, _) => Task.FromResult(request.Values.GetString("password") == "right"
                ? CommandOutcome.Success("Welcome", [FormField.Fixed("user", "User", request.Values.GetString("user")!)])
                : CommandOutcome.InvalidField("password", "Password ('password'): wrong password.")),
        });
        _registry.Add(new AdHocCommand
        {
            Node = "crash",
            Name = "Crash",
            Permission = Permission.Read,
            Handler = (_, _) => throw new InvalidOperationException("internal detail"),
        });
        _registry.Freeze();
        var store = new AdHocSessionStore(new AdHocSessionOptions { MaxPerRequester = 2, MaxTotal = 3 }, _time, () => $"s{++_sessions}");
        var handler = new CommandsHandler(_registry, store, new RateLimitOptions(600, 100), new Auditor(_audit), _time, NullLogger<CommandsHandler>.Instance);
        _transcript = new Transcript([handler]);
    }

    [Test]
    public async Task The_first_stage_has_node_session_status_explicit_actions_and_a_typed_form()
    {
        await _transcript.ExpectAsync(
            $"<iq type='set' id='1' from='{Alice}' to='quoalise.localhost'><command xmlns='http://jabber.org/protocol/commands' node='login' action='execute'/></iq>",
            """
            <iq xmlns='jabber:component:accept' type='result' id='1' from='quoalise.localhost' to='alice@localhost/gajim'>
              <command xmlns='http://jabber.org/protocol/commands' node='login' sessionid='s1' status='executing' xml:lang='en'>
                <actions execute='complete'><complete/></actions>
                <x xmlns='jabber:x:data' type='form'>
                  <title>Credentials</title>
                  <field type='hidden' var='FORM_TYPE'><value>urn:quoalise:0#login</value></field>
                  <field type='text-single' var='user' label='User'><required/></field>
                  <field type='text-private' var='password' label='Password'><required/></field>
                </x>
              </command>
            </iq>
            """);
    }

    [Test]
    public async Task Execute_on_an_open_session_means_the_stage_default_action()
    {
        await Execute("login");

        var answer = await _transcript.SendAsync(Command("login", "execute", "s1", Submit(("user", "a"), ("password", "right"))));

        answer.Descendants().Should().Contain(e => e.Name.LocalName == "command" && (string?)e.Attribute("status") == "completed");
    }

    [Test]
    public async Task A_handler_refusing_a_value_gives_the_person_the_stage_back_and_the_session_continues()
    {
        await Execute("login");

        var retry = await _transcript.SendAsync(Command("login", "complete", "s1", Submit(("user", "a"), ("password", "wrong"))));
        var done = await _transcript.SendAsync(Command("login", "complete", "s1", Submit(("user", "a"), ("password", "right"))));

        var note = retry.Descendants(Xep0050.Note).Single();
        ((string?)note.Attribute("type")).Should().Be("error");
        note.Value.Should().Be("Password ('password'): wrong password.");
        ((string?)done.Element(Xep0050.Command)!.Attribute("status")).Should().Be("completed");
    }

    [Test]
    public async Task The_audit_trail_records_every_execution_without_private_fields()
    {
        await _transcript.SendAsync(Command("login", "execute", null, Submit(("user", "bob"), ("password", "right"))));
        await _transcript.SendAsync(Command("login", "execute", null, Submit(("user", "eve"), ("password", "wrong"))));

        _audit.Should().HaveCount(2);
        _audit.Should().OnlyContain(e => e.Requester.ToString() == "alice@localhost" && !e.Values.ContainsKey("password"));
        _audit.First().Outcome.Should().Be(CommandAuditOutcome.Completed);
        _audit.Last().Outcome.Should().Be(CommandAuditOutcome.Failed);
        _audit.Last().Error.Should().Contain("wrong password");
    }

    [Test]
    public async Task A_handler_that_throws_is_internal_server_error_without_its_details_and_is_audited()
    {
        var answer = await _transcript.SendAsync(Command("crash", "execute", null, null));

        answer.Descendants().Should().Contain(e => e.Name.LocalName == "internal-server-error");
        answer.ToString().Should().NotContain("internal detail");
        _audit.Single().Should().Match<CommandAuditEntry>(e => e.Outcome == CommandAuditOutcome.Failed && e.Error == "internal error");
    }

    [Test]
    public async Task Cancellations_are_audited_too()
    {
        await Execute("login");

        await _transcript.SendAsync(Command("login", "cancel", "s1", null));

        _audit.Single().Outcome.Should().Be(CommandAuditOutcome.Canceled);
    }

    [Test]
    public async Task Idle_sessions_expire_and_then_answer_session_expired()
    {
        await Execute("login");

        _time.Advance(TimeSpan.FromMinutes(16));
        var late = await _transcript.SendAsync(Command("login", "complete", "s1", Submit(("user", "a"), ("password", "right"))));

        late.Descendants().Select(e => e.Name.LocalName).Should().Contain(["not-allowed", "session-expired"]);
    }

    [Test]
    public async Task Past_the_per_jid_cap_the_oldest_session_ends_and_past_the_global_cap_new_ones_are_refused()
    {
        await Execute("login");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Execute("login");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Execute("login");

        var oldest = await _transcript.SendAsync(Command("login", "cancel", "s1", null));
        oldest.Descendants().Should().Contain(e => e.Name.LocalName == "session-expired");

        await Execute("login", "bob@localhost/x");
        var refused = await _transcript.SendAsync(
            $"<iq type='set' id='9' from='carol@localhost/x' to='quoalise.localhost'><command xmlns='http://jabber.org/protocol/commands' node='login'/></iq>");
        refused.Descendants().Should().Contain(e => e.Name.LocalName == "resource-constraint");
    }

    [Test]
    public async Task A_command_without_a_node_is_bad_request_and_cancel_without_a_session_is_bad_sessionid()
    {
        var noNode = await _transcript.SendAsync($"<iq type='set' id='1' from='{Alice}' to='quoalise.localhost'><command xmlns='http://jabber.org/protocol/commands'/></iq>");
        var cancel = await _transcript.SendAsync(Command("login", "cancel", null, null));

        noNode.Descendants().Should().Contain(e => e.Name.LocalName == "bad-request");
        cancel.Descendants().Should().Contain(e => e.Name.LocalName == "bad-sessionid");
    }

    [Test]
    public void The_registry_refuses_duplicates_nameless_commands_and_late_additions()
    {
        var registry = new CommandRegistry(Jid.Parse(TestOptions.Domain), new AllowAll());
        var command = new AdHocCommand { Node = "a", Name = "A", Permission = Permission.Read, Handler = (_, _) => Task.FromResult(CommandOutcome.Success("A")) };
        registry.Add(command);

        registry.Invoking(r => r.Add(command)).Should().Throw<InvalidOperationException>().WithMessage("*'a'*");
        registry.Invoking(r => r.Add(command with { Node = "b", Name = " " })).Should().Throw<InvalidOperationException>().WithMessage("*name*");
        registry.Invoking(r => r.Add(command with { Node = "c", Permission = 0 })).Should().Throw<InvalidOperationException>().WithMessage("*permission*");
        registry.Freeze();
        registry.Invoking(r => r.Add(command with { Node = "d" })).Should().Throw<InvalidOperationException>().WithMessage("*after start-up*");
    }

    private Task Execute(string node, string from = Alice) =>
        _transcript.SendAsync($"<iq type='set' id='e' from='{from}' to='quoalise.localhost'><command xmlns='http://jabber.org/protocol/commands' node='{node}'/></iq>");

    private static string Command(string node, string action, string? session, string? form) =>
        $"<iq type='set' id='c' from='{Alice}' to='quoalise.localhost'><command xmlns='http://jabber.org/protocol/commands' node='{node}' action='{action}'"
        + (session is null ? string.Empty : $" sessionid='{session}'") + $">{form}</command></iq>";

    private static string Submit(params (string Var, string Value)[] fields) =>
        "<x xmlns='jabber:x:data' type='submit'>" + string.Concat(fields.Select(f => $"<field var='{f.Var}'><value>{f.Value}</value></field>")) + "</x>";

    private sealed class AllowAll : ICommandAccessPolicy
    {
        public bool Allows(Jid requester, Permission permission) => true;
    }

    private sealed class Auditor(ConcurrentQueue<CommandAuditEntry> entries) : ICommandAuditor
    {
        public Task RecordAsync(CommandAuditEntry entry, CancellationToken cancellationToken)
        {
            entries.Enqueue(entry);
            return Task.CompletedTask;
        }
    }
}
