using System.Globalization;
using Quoalise.Component.Storage.Audit;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Component.Operations;

/// <summary><c>get_audit_trail</c>: who ran which command on what, and how it ended; for administrators. Thread-safe.</summary>
internal sealed class AuditTrailCommand(IAuditTrail trail)
{
    private const int MaxRows = 500;

    public AdHocCommand Definition => new()
    {
        Node = "get_audit_trail",
        Name = "Audit trail",
        Permission = Permission.Admin,
        ReturnsTable = true,
        Stages =
        [
            CommandStage.Fixed(
                "Audit trail",
                [
                    FormField.JidSingle("requester", "Requester (optional)"),
                    FormField.TextSingle("node", "Command (optional)"),
                    FormField.ListSingle(
                        "outcome",
                        "Outcome",
                        [new FormOption("any", "Any"), .. Enum.GetNames<AuditOutcome>().Select(o => new FormOption(o.ToLowerInvariant(), o))],
                        value: "any"),
                    FormField.DateTime("since", "Since (optional)"),
                    FormField.DateTime("until", "Until, excluded (optional)"),
                    FormField.Integer("limit", "Most rows", value: 50, min: 1, max: MaxRows),
                ],
                "The newest entries first."),
        ],
        Handler = HandleAsync,
    };

    private async Task<CommandOutcome> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var values = request.Values;
        var outcome = values.GetString("outcome") is { } o and not "any" ? Enum.Parse<AuditOutcome>(o, ignoreCase: true) : (AuditOutcome?)null;
        var query = new AuditQuery(values.GetJid("requester"), values.GetString("node"), outcome, values.GetDateTime("since"), values.GetDateTime("until"));
        var entries = await trail.QueryAsync(query, (int)(values.GetInteger("limit") ?? 50), cancellationToken).ConfigureAwait(false);
        return CommandOutcome.Success(
            "Audit trail",
            [FormField.Fixed("count", "Entries", entries.Count.ToString(CultureInfo.InvariantCulture))],
            table: new ResultTable(
                "Entries",
                [
                    new ResultColumn("time", "Time"),
                    new ResultColumn("requester", "Requester"),
                    new ResultColumn("node", "Command"),
                    new ResultColumn("outcome", "Outcome"),
                    new ResultColumn("identifiers", "Identifiers"),
                    new ResultColumn("error", "Error"),
                ],
                entries.Select(e => (IReadOnlyList<string>)
                [
                    e.Time.UtcDateTime.ToString("u", CultureInfo.InvariantCulture),
                    e.Requester.ToString(),
                    e.Node,
                    e.Outcome.ToString().ToLowerInvariant(),
                    string.Join(", ", e.Identifiers),
                    e.Error ?? string.Empty,
                ]).ToList()));
    }
}
