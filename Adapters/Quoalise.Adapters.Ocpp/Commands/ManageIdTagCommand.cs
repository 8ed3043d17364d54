using Quoalise.Adapters.Ocpp.Authorization;
using Quoalise.Adapters.Ocpp.Messages;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary>
/// <c>manage_id_tag</c> (admin): adds, updates, blocks, unblocks or deletes an entry of the authorisation
/// list. Authorize and transaction starts answer from it at once.
/// </summary>
internal sealed class ManageIdTagCommand
{
    public const string Node = "manage_id_tag";
    public const int MaxIdTagLength = 36;

    private readonly IdTagStore _tags;
    private readonly TimeProvider _time;

    public ManageIdTagCommand(IdTagStore tags, TimeProvider time)
    {
        _tags = tags;
        _time = time;
    }

    public AdHocCommand Build() => new()
    {
        Node = Node,
        Name = "Manage id tag",
        Permission = Permission.Admin,
        Stages =
        [
            CommandStage.Fixed(
                "Id tag",
                [
                    FormField.TextSingle("id_tag", "Id tag (RFID uid, up to 36 characters)", required: true),
                    FormField.ListSingle(
                        "action",
                        "Action",
                        [new FormOption("add"), new FormOption("update"), new FormOption("block"), new FormOption("unblock"), new FormOption("delete")],
                        required: true,
                        value: "add"),
                    FormField.ListSingle("status", "Status (add, update)", [.. IdTagDecision.ListStatuses.Select(s => new FormOption(s))]),
                    FormField.DateTime("expiry", "Expires (add, update; empty: never)"),
                    FormField.TextSingle("parent_id_tag", "Parent id tag, its group (add, update)"),
                    FormField.TextSingle("note", "Note (add, update)"),
                ]),
        ],
        Handler = HandleAsync,
    };

    private async Task<CommandOutcome> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var idTag = request.Values.GetRequiredString("id_tag");
        if (idTag.Length > MaxIdTagLength)
        {
            return CommandOutcome.InvalidField("id_tag", $"An id tag is at most {MaxIdTagLength} characters (OCPP 2.0.1 idToken; 1.6 idTag: 20).");
        }

        var parent = request.Values.GetString("parent_id_tag");
        if (parent is not null && (parent.Length > MaxIdTagLength || parent == idTag))
        {
            return CommandOutcome.InvalidField("parent_id_tag", $"The parent must be another tag of at most {MaxIdTagLength} characters.");
        }

        var now = UnixMicros.From(_time.GetUtcNow());
        var action = request.Values.GetRequiredString("action");
        var row = new IdTagRow
        {
            IdTag = idTag,
            Status = request.Values.GetString("status") ?? IdTagDecision.Accepted,
            ExpiryUs = request.Values.GetDateTime("expiry") is { } expiry ? UnixMicros.From(expiry) : null,
            ParentIdTag = parent,
            Blocked = request.Values.GetString("status") == IdTagDecision.Blocked ? 1 : 0,
            Note = request.Values.GetString("note"),
        };
        var done = action switch
        {
            "add" => await _tags.AddAsync(row, now, cancellationToken)
                ? null
                : new CommandError(CommandErrorKind.Conflict, $"Id tag '{idTag}' is already listed: use update."),
            "update" => await _tags.UpdateAsync(row, now, cancellationToken) ? null : NotListed(idTag),
            "block" or "unblock" => await _tags.SetBlockedAsync(idTag, action == "block", now, cancellationToken) ? null : NotListed(idTag),
            _ => await _tags.DeleteAsync(idTag, cancellationToken) ? null : NotListed(idTag),
        };
        if (done is not null)
        {
            return CommandOutcome.Failure(done);
        }

        var stored = await _tags.FindAsync(idTag, cancellationToken);
        return CommandOutcome.Success(
            "Id tag",
            stored is null
                ? [FormField.Fixed("id_tag", "Id tag", idTag), FormField.Fixed("state", "State", "deleted")]
                :
                [
                    FormField.Fixed("id_tag", "Id tag", stored.IdTag),
                    FormField.Fixed("status", "Status", stored.Status),
                    FormField.Fixed("blocked", "Blocked", stored.Blocked != 0 ? "yes" : "no"),
                    FormField.Fixed("expiry", "Expires", stored.ExpiryUs is { } e ? JsonFields.Format(UnixMicros.ToTime(e)) : "never"),
                    FormField.Fixed("parent_id_tag", "Parent", stored.ParentIdTag ?? "none"),
                ]);
    }

    private static CommandError NotListed(string idTag) => new(CommandErrorKind.NotFound, $"Id tag '{idTag}' is not listed: use add.", Field: "id_tag");
}
