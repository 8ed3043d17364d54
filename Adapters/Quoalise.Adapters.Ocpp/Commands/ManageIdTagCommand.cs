using Quoalise.Adapters.Ocpp.Authorization;
using Quoalise.Adapters.Ocpp.Messages;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary>
/// <c>manage_id_tag</c> (admin): adds, updates, blocks, unblocks or deletes an entry of the authorisation
/// list. Authorize and transaction starts answer from it at once. An update changes only the fields filled
/// in (and empties those named in <c>clear</c>); blocking is a flag of its own, so unblocking gives the
/// tag its status back.
/// </summary>
internal sealed class ManageIdTagCommand
{
    public const string Node = "manage_id_tag";
    public const int MaxIdTagLength = ColumnWidths.IdTag;

    private const string ExpiryVar = "expiry";
    private const string ParentVar = "parent_id_tag";
    private const string NoteVar = "note";
    private const string ClearVar = "clear";

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
                    FormField.ListSingle("status", "Status (add: default Accepted; update: empty keeps it)", [.. IdTagDecision.ListStatuses.Select(s => new FormOption(s))]),
                    FormField.DateTime(ExpiryVar, "Expires (add: empty is never; update: empty keeps it)"),
                    FormField.TextSingle(ParentVar, "Parent id tag, its group (update: empty keeps it)"),
                    FormField.TextSingle(NoteVar, "Note (update: empty keeps it)"),
                    FormField.ListMulti(
                        ClearVar,
                        "Clear (update): empty these fields",
                        [new FormOption(ExpiryVar, "Expiry (never expires)"), new FormOption(ParentVar, "Parent (no group)"), new FormOption(NoteVar, "Note")]),
                ]),
        ],
        Handler = HandleAsync,
    };

    private async Task<CommandOutcome> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var values = request.Values;
        var idTag = values.GetRequiredString("id_tag");
        if (idTag.Length > MaxIdTagLength)
        {
            return CommandOutcome.InvalidField("id_tag", $"An id tag is at most {MaxIdTagLength} characters (OCPP 2.0.1 idToken; 1.6 idTag: 20).");
        }

        var parent = values.GetString(ParentVar);
        if (parent is not null && (parent.Length > MaxIdTagLength || parent == idTag))
        {
            return CommandOutcome.InvalidField(ParentVar, $"The parent must be another tag of at most {MaxIdTagLength} characters.");
        }

        var clear = values.GetAll(ClearVar);
        if (clear.FirstOrDefault(values.Has) is { } both)
        {
            return CommandOutcome.InvalidField(ClearVar, $"'{both}' is both given and cleared: give a value or clear it.");
        }

        var now = UnixMicros.From(_time.GetUtcNow());
        var status = values.GetString("status");
        var expiryUs = values.GetDateTime(ExpiryVar) is { } expiry ? UnixMicros.From(expiry) : (long?)null;
        var note = values.GetString(NoteVar);
        var action = values.GetRequiredString("action");
        var done = action switch
        {
            "add" => await _tags.AddAsync(new IdTagRow { IdTag = idTag, Status = status ?? IdTagDecision.Accepted, ExpiryUs = expiryUs, ParentIdTag = parent, Note = note }, now, cancellationToken)
                ? null
                : new CommandError(CommandErrorKind.Conflict, $"Id tag '{idTag}' is already listed: use update."),
            "update" => await _tags.UpdateAsync(
                    new IdTagChange(idTag, status, expiryUs, clear.Contains(ExpiryVar), parent, clear.Contains(ParentVar), note, clear.Contains(NoteVar)), now, cancellationToken)
                ? null
                : NotListed(idTag),
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
                    FormField.Fixed(ExpiryVar, "Expires", stored.ExpiryUs is { } e ? JsonFields.Format(UnixMicros.ToTime(e)) : "never"),
                    FormField.Fixed(ParentVar, "Parent", stored.ParentIdTag ?? "none"),
                    FormField.Fixed(NoteVar, "Note", stored.Note ?? "none"),
                ]);
    }

    private static CommandError NotListed(string idTag) => new(CommandErrorKind.NotFound, $"Id tag '{idTag}' is not listed: use add.", Field: "id_tag");
}
