using Quoalise.Adapters;
using Quoalise.Adapters.Messaging;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.IntegrationTests.Support;

/// <summary>
/// Commands that exercise the XEP-0050 framework itself through real servers and clients, one per
/// shape: one stage, two stages, none, a table, an upstream failure, an over-sized answer.
/// </summary>
internal sealed class FrameworkTestAdapter : IQuoaliseAdapter
{
    public string Name => "framework-test";

    public List<CommandRequest> Requests { get; } = [];

    /// <summary>Completes with the first chat message addressed to the component.</summary>
    public TaskCompletionSource<IncomingMessage> Message { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the first presence addressed to the component.</summary>
    public TaskCompletionSource<IncomingPresence> Presence { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Register(IAdapterRegistry registry)
    {
        registry.AddMessageHandler((message, _) =>
        {
            Message.TrySetResult(message);
            return Task.CompletedTask;
        });
        registry.AddPresenceHandler((presence, _) =>
        {
            Presence.TrySetResult(presence);
            return Task.CompletedTask;
        });

        registry.AddCommand(new AdHocCommand
        {
            Node = "echo",
            Name = "Echo",
            Permission = Permission.Read,
            Stages =
            [
                CommandStage.Fixed("Echo", [FormField.TextSingle("text", "Text", required: true), FormField.Integer("times", "Times", value: 1, min: 1, max: 5)]),
            ],
            Handler = (request, _) =>
            {
                lock (Requests)
                {
                    Requests.Add(request);
                }

                var text = request.Values.GetRequiredString("text");
                var times = (int)request.Values.GetInteger("times")!.Value;
                return Task.FromResult(CommandOutcome.Success(
                    "Echo",
                    [FormField.Fixed("echo", "Echo", string.Join(" ", Enumerable.Repeat(text, times)))]));
            },
        });

        registry.AddCommand(new AdHocCommand
        {
            Node = "wizard",
            Name = "Two-stage wizard",
            Permission = Permission.Operate,
            Stages =
            [
                CommandStage.Fixed("Pick a colour", [FormField.ListSingle("colour", "Colour", [new FormOption("red", "Red"), new FormOption("blue", "Blue")], required: true)]),
                new CommandStage
                {
                    Title = "Name it",
                    BuildFields = (context, _) => ValueTask.FromResult<IReadOnlyList<FormField>>(
                        [FormField.Fixed(null, null, "Colour: " + context.Values.GetString("colour")), FormField.TextSingle("name", "Name", required: true)]),
                },
            ],
            Handler = (request, _) => Task.FromResult(CommandOutcome.Success(
                "Done",
                [FormField.Fixed("summary", "Summary", $"{request.Values.GetString("name")} is {request.Values.GetString("colour")}")])),
        });

        registry.AddCommand(new AdHocCommand
        {
            Node = "status",
            Name = "Admin status",
            Permission = Permission.Admin,
            Handler = (_, _) => Task.FromResult(CommandOutcome.Success("Status", [FormField.Fixed("state", "State", "fine")])),
        });

        registry.AddCommand(new AdHocCommand
        {
            Node = "listing",
            Name = "Listing",
            Permission = Permission.Read,
            ReturnsTable = true,
            Handler = (_, _) => Task.FromResult(CommandOutcome.Success(
                "Listing",
                table: new ResultTable("Things", [new ResultColumn("id", "Id"), new ResultColumn("state", "State")], [["a", "on"], ["b", "off"]]),
                data: [new QuoaliseData(QuoaliseMeta.Empty, [new SenMLRecord("urn:dev:test:1", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), "W", 342)])])),
        });

        registry.AddCommand(new AdHocCommand
        {
            Node = "upstream",
            Name = "Upstream failure",
            Permission = Permission.Read,
            Handler = (_, _) => Task.FromResult(CommandOutcome.Failure(new CommandError(CommandErrorKind.Upstream, "The charger said no.", Issuer: "CP-1", Code: "Rejected"))),
        });

        registry.AddCommand(new AdHocCommand
        {
            Node = "huge",
            Name = "Over-sized answer",
            Permission = Permission.Read,
            Handler = (_, _) => Task.FromResult(CommandOutcome.Success("Huge", [FormField.TextMulti("lines", "Lines", Enumerable.Repeat(new string('x', 1000), 400).ToList())])),
        });
    }
}
