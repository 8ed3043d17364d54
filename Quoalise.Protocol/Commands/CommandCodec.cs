using System.Xml.Linq;
using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Quoalise;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Commands;

/// <summary>
/// Reads XEP-0050 requests and writes responses in the shape Gajim, slixmpp and the Python quoalise
/// client need: <c>node</c>, <c>status</c> and <c>sessionid</c> on every reply, <c>&lt;actions&gt;</c> with an
/// explicit <c>execute</c> on executing stages, a data form on every executing stage, notes before
/// payloads, and the <c>&lt;quoalise/&gt;</c> element after the result form. Stateless and thread-safe.
/// </summary>
/// <example>
/// <code>
/// &lt;command xmlns='http://jabber.org/protocol/commands' node='get_history' sessionid='9f…' status='executing' xml:lang='en'&gt;
///   &lt;actions execute='complete'&gt;&lt;complete/&gt;&lt;/actions&gt;
///   &lt;x xmlns='jabber:x:data' type='form'&gt;&lt;title&gt;Get history&lt;/title&gt;…&lt;/x&gt;
/// &lt;/command&gt;
/// </code>
/// </example>
internal static class CommandCodec
{
    /// <summary>Reserved field offered on the last stage of commands that return tables.</summary>
    public const string FormatVar = "format";

    public const string TableFormat = "table";

    /// <summary>The language our texts are written in, declared on every reply.</summary>
    public const string ReplyLanguage = "en";

    private const string ResultVar = "result";
    private const string Success = "Success";

    /// <exception cref="StanzaErrorException">The request is malformed (no node, unknown action, broken form).</exception>
    public static CommandEnvelope Read(XElement command, string? iqLanguage)
    {
        var node = (string?)command.Attribute("node");
        if (string.IsNullOrEmpty(node))
        {
            throw new StanzaErrorException(StanzaErrors.BadRequest("The command has no node."));
        }

        var actionText = (string?)command.Attribute("action");
        CommandAction action = actionText switch
        {
            null or Xep0050.Execute => CommandAction.Execute,
            Xep0050.Cancel => CommandAction.Cancel,
            Xep0050.Prev => CommandAction.Prev,
            Xep0050.Next => CommandAction.Next,
            Xep0050.Complete => CommandAction.Complete,
            _ => throw new StanzaErrorException(StanzaErrors.MalformedAction($"'{Excerpt.Of(actionText)}' is not an action: use execute, next, prev, complete or cancel.")),
        };

        DataForm? form = null;
        if (command.Element(Xep0004.X) is { } x)
        {
            try
            {
                form = DataFormCodec.Parse(x);
            }
            catch (DataFormFormatException e)
            {
                throw new StanzaErrorException(StanzaErrors.BadPayload(e.Message));
            }
        }

        var sessionId = (string?)command.Attribute("sessionid");
        return new CommandEnvelope(node, action, string.IsNullOrEmpty(sessionId) ? null : sessionId, form, (string?)command.Attribute(XmppNames.Lang) ?? iqLanguage);
    }

    /// <summary>An executing stage: its actions, any notes, and its form.</summary>
    public static XElement Executing(
        AdHocCommand command,
        string sessionId,
        int stage,
        IReadOnlyList<FormField> fields,
        IReadOnlyList<CommandNote> notes)
    {
        var isFirst = stage == 0;
        var isLast = stage == command.Stages.Count - 1;
        var step = command.Stages[stage];

        // XEP-0050 §3.4: always name the default action; cancel is implied and never listed.
        var actions = new XElement(
            Xep0050.Actions,
            new XAttribute("execute", isLast ? Xep0050.Complete : Xep0050.Next),
            isFirst ? null : new XElement(Xep0050.Ns + Xep0050.Prev),
            isLast ? new XElement(Xep0050.Ns + Xep0050.Complete) : new XElement(Xep0050.Ns + Xep0050.Next));

        var form = new DataForm
        {
            Type = DataFormType.Form,
            Title = step.Title,
            Instructions = step.Instructions is null ? [] : [step.Instructions],
            Fields = [FormField.Hidden(Xep0068.FormTypeVar, command.FormType), .. fields],
        };
        return Reply(command.Node, sessionId, Xep0050.Executing, actions, WriteNotes(notes), DataFormCodec.Write(form));
    }

    /// <summary>A completed command: notes, the result form(s), then the Quoalise data.</summary>
    public static XElement Completed(AdHocCommand command, string sessionId, CommandOutcome outcome, bool asTable)
    {
        var fields = new List<FormField> { FormField.Hidden(Xep0068.FormTypeVar, command.FormType), FormField.Fixed(ResultVar, "Result", Success) };
        fields.AddRange(outcome.Fields);
        if (outcome.Table is { } lines && !asTable)
        {
            fields.Add(TableAsText(lines));
        }

        var resultForm = DataFormCodec.Write(new DataForm { Type = DataFormType.Result, Title = outcome.Title, Fields = fields });

        // Gajim renders only the first form: the table comes first when asked for, the summary after it.
        var tableForm = outcome.Table is { } table && asTable ? DataFormCodec.Write(TableForm(outcome.Title, table)) : null;
        var data = outcome.Data.Count > 0 ? QuoalisePayloadCodec.Write(outcome.Data) : null;
        return Reply(command.Node, sessionId, Xep0050.Completed, null, WriteNotes(outcome.Notes), tableForm, resultForm, data);
    }

    public static XElement Canceled(string node, string sessionId) => Reply(node, sessionId, Xep0050.Canceled);

    /// <summary>The optional layout choice added to the last stage of a command that returns a table.</summary>
    public static FormField FormatField() =>
        FormField.ListSingle(
            FormatVar,
            "Result layout",
            [new FormOption("text", "Text lines (every client)"), new FormOption(TableFormat, "Table (Gajim 1.8.2 or later)")],
            value: "text");

    private static XElement Reply(string node, string sessionId, string status, params object?[] content) =>
        new(
            Xep0050.Command,
            new XAttribute("node", node),
            new XAttribute("sessionid", sessionId),
            new XAttribute("status", status),
            new XAttribute(XmppNames.Lang, ReplyLanguage),
            content);

    private static IEnumerable<XElement> WriteNotes(IReadOnlyList<CommandNote> notes) =>
        notes.Select(n => new XElement(Xep0050.Note, new XAttribute("type", n.Type.ToString().ToLowerInvariant()), n.Text));

    // Readable by every client: one line per row, columns separated by a middle dot, headers first,
    // a dash for an empty cell so columns stay countable.
    private static FormField TableAsText(ResultTable table) =>
        FormField.TextMulti(
            "rows",
            table.Label,
            [string.Join(" · ", table.Columns.Select(c => c.Label)), .. table.Rows.Select(r => string.Join(" · ", r.Select(c => c.Length == 0 ? "–" : c)))]);

    private static DataForm TableForm(string title, ResultTable table) =>
        new()
        {
            Type = DataFormType.Result,
            Title = string.IsNullOrEmpty(table.Label) ? title : table.Label,
            Reported = table.Columns.Select(c => FormField.TextSingle(c.Var, c.Label)).ToList(),
            Items = table.Rows
                .Select(row => (IReadOnlyList<FormField>)table.Columns.Select((c, i) => FormField.TextSingle(c.Var, c.Label, value: i < row.Count ? row[i] : string.Empty)).ToList())
                .ToList(),
        };
}
