using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Adapters.Mqtt.Commands;

/// <summary>
/// <c>get_ingest_errors</c>: rows of the error table, filtered by type and time range, newest first. Payload
/// excerpts come from devices and may be sensitive, hence Permission.Admin. docs/commands.md.
/// </summary>
internal static class GetIngestErrorsCommand
{
    public const string Node = "get_ingest_errors";
    public const int MaxRows = 1000;
    private const string AllTypes = "all";

    public static AdHocCommand Create(IIngestErrorStore store, TimeProvider time) => new()
    {
        Node = Node,
        Name = "List MQTT ingest errors",
        Permission = Permission.Admin,
        ReturnsTable = true,
        Stages =
        [
            new CommandStage
            {
                Title = "MQTT ingest errors",
                Instructions = "Errors recorded while reading MQTT messages, newest first.",
                BuildFields = (_, _) =>
                {
                    var now = time.GetUtcNow();
                    return ValueTask.FromResult<IReadOnlyList<FormField>>(
                    [
                        FormField.ListSingle("type", "Type", [new FormOption(AllTypes, "All types"), .. IngestErrorType.All.Select(t => new FormOption(t))], value: AllTypes),
                        FormField.DateTime("start_time", "From (ISO 8601)", value: now.AddDays(-1)),
                        FormField.DateTime("end_time", "To (ISO 8601, excluded)", value: now.AddMinutes(1)),
                        FormField.Integer("limit", "At most", value: 100, min: 1, max: MaxRows),
                    ]);
                },
            },
        ],
        Handler = async (request, cancellationToken) =>
        {
            var now = time.GetUtcNow();
            var type = request.Values.GetString("type") is { } t && t != AllTypes ? t : null;
            var from = request.Values.GetDateTime("start_time") ?? now.AddDays(-1);
            var to = request.Values.GetDateTime("end_time") ?? now.AddMinutes(1);
            if (to <= from)
            {
                return CommandOutcome.InvalidField("end_time", $"To ({CommandText.Time(to)}) must be after From ({CommandText.Time(from)}).");
            }

            var limit = (int)(request.Values.GetInteger("limit") ?? 100);
            var rows = await store.QueryAsync(new IngestErrorQuery(type, from, to, limit), cancellationToken);
            return CommandOutcome.Success(
                "MQTT ingest errors",
                [FormField.Fixed("count", "Errors", rows.Count == limit ? $"{rows.Count} (the limit; narrow the range for more)" : CommandText.Number(rows.Count))],
                table: new ResultTable(
                    "Errors",
                    [new("time", "Time (UTC)"), new("type", "Type"), new("topic", "Topic"), new("detail", "Detail"), new("payload", "Payload excerpt")],
                    [.. rows.Select(e => (IReadOnlyList<string>)[CommandText.Time(e.Time), e.Type, e.Topic, e.Detail, e.PayloadExcerpt])]));
        },
    };
}
