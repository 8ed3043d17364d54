using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Routing;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Commands;

/// <summary>
/// Serves XEP-0050: the one-shot flow (execute with the whole form submitted, as the Python quoalise
/// client does) and the interactive flow (execute → form → next/prev → complete, or cancel, as Gajim
/// does). Validation failures come back as the same form with an error note when a person is filling
/// it in, and as bad-request with bad-payload in one-shot. Every execution is audited.
/// Thread-safe; requests on one session are serialised.
/// </summary>
public sealed partial class CommandsHandler : IIqHandler
{
    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();

    private readonly CommandRegistry _registry;
    private readonly AdHocSessionStore _sessions;
    private readonly PerJidRateLimiter _executions;
    private readonly ICommandAuditor _auditor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CommandsHandler(
        CommandRegistry registry,
        AdHocSessionOptions sessions,
        RateLimitOptions executions,
        ICommandAuditor auditor,
        TimeProvider time,
        ILogger<CommandsHandler> logger)
        : this(registry, new AdHocSessionStore(sessions, time), executions, auditor, time, logger)
    {
    }

    internal CommandsHandler(
        CommandRegistry registry,
        AdHocSessionStore sessions,
        RateLimitOptions executions,
        ICommandAuditor auditor,
        TimeProvider time,
        ILogger<CommandsHandler> logger)
    {
        _registry = registry;
        _sessions = sessions;
        _executions = new PerJidRateLimiter(executions, time);
        _auditor = auditor;
        _time = time;
        _logger = logger;
    }

    public IReadOnlyList<IqRoute> Routes { get; } = [new(IqType.Set, Xep0050.Command)];

    public IReadOnlyList<string> Features { get; } = [Xep0050.Namespace];

    /// <summary>Open interactive sessions, for health and tests.</summary>
    public int OpenSessions => _sessions.Count;

    public async Task<IqResponse> HandleAsync(IqRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var envelope = CommandCodec.Read(request.Payload, request.Language);
            var command = _registry.Find(envelope.Node)
                ?? throw new StanzaErrorException(StanzaErrors.ItemNotFound($"There is no command '{Excerpt.Of(envelope.Node)}'."));
            if (!_registry.MayRun(request.From, command))
            {
                var refusal = $"{request.From.Bare} may not run '{command.Node}'.";
                await AuditAsync(request.From, command, FormValues.Empty, EmptySet, CommandAuditOutcome.Denied, refusal, cancellationToken).ConfigureAwait(false);
                throw new StanzaErrorException(StanzaErrors.Forbidden(refusal));
            }

            var reply = envelope.SessionId is null
                ? await StartAsync(request.From, command, envelope, cancellationToken).ConfigureAwait(false)
                : await ContinueAsync(request.From, command, envelope, cancellationToken).ConfigureAwait(false);
            return IqResponse.Result(reply);
        }
        catch (StanzaErrorException e)
        {
            return IqResponse.Fail(e.Error);
        }
    }

    private async Task<XElement> StartAsync(Jid requester, AdHocCommand command, CommandEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Action != CommandAction.Execute)
        {
            throw new StanzaErrorException(StanzaErrors.BadSessionId($"'{envelope.Action.ToString().ToLowerInvariant()}' needs the sessionid of an open session of '{command.Node}'."));
        }

        if (_executions.Check(requester.Bare.ToString()) != RateDecision.Allowed)
        {
            throw new StanzaErrorException(StanzaErrors.RateLimited("Too many command executions; wait a moment before running another."));
        }

        var language = envelope.Language ?? CommandCodec.ReplyLanguage;

        // One-shot: the whole form came with execute, or there is nothing to ask.
        if (envelope.Form is not null || command.Stages.Count == 0)
        {
            var (values, privateFields) = await ValidateOneShotAsync(requester, command, envelope.Form, cancellationToken).ConfigureAwait(false);
            var sessionId = _sessions.NewSessionId();
            _sessions.Bury(sessionId, requester);
            var outcome = await RunAsync(requester, command, values, privateFields, language, cancellationToken).ConfigureAwait(false);
            return outcome.IsSuccess
                ? CommandCodec.Completed(command, sessionId, outcome, AsTable(values))
                : throw new StanzaErrorException(StanzaErrors.For(outcome.Error!));
        }

        var session = _sessions.Open(requester, command, language)
            ?? throw new StanzaErrorException(StanzaErrors.ResourceConstraint("Too many commands are in progress; try again in a few minutes."));
        var fields = await BuildStageAsync(session, FormValues.Empty, cancellationToken).ConfigureAwait(false);
        return CommandCodec.Executing(command, session.Id, session.Stage, fields, []);
    }

    private async Task<XElement> ContinueAsync(Jid requester, AdHocCommand command, CommandEnvelope envelope, CancellationToken cancellationToken)
    {
        var found = _sessions.Find(envelope.SessionId!, requester, out var session);
        if (found == SessionLookup.Ended)
        {
            throw new StanzaErrorException(StanzaErrors.SessionExpired("This session has ended (completed, canceled or idle too long); run the command again."));
        }

        if (session is null || session.Command.Node != command.Node)
        {
            throw new StanzaErrorException(StanzaErrors.BadSessionId($"There is no session '{Excerpt.Of(envelope.SessionId)}' of '{command.Node}' for you; run the command again."));
        }

        await session.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // XEP-0050 §4.1: execute on a session means the stage's default action.
            var action = envelope.Action == CommandAction.Execute
                ? session.IsLastStage ? CommandAction.Complete : CommandAction.Next
                : envelope.Action;
            return action switch
            {
                CommandAction.Cancel => await CancelAsync(session, cancellationToken).ConfigureAwait(false),
                CommandAction.Prev => await PrevAsync(session, cancellationToken).ConfigureAwait(false),
                CommandAction.Next => await NextAsync(session, envelope.Form, cancellationToken).ConfigureAwait(false),
                _ => await CompleteAsync(session, envelope.Form, cancellationToken).ConfigureAwait(false),
            };
        }
        finally
        {
            session.Lock.Release();
        }
    }

    private async Task<XElement> CancelAsync(AdHocSession session, CancellationToken cancellationToken)
    {
        _sessions.End(session);
        await AuditAsync(session.Requester, session.Command, FormValues.Empty, EmptySet, CommandAuditOutcome.Canceled, null, cancellationToken).ConfigureAwait(false);
        return CommandCodec.Canceled(session.Command.Node, session.Id);
    }

    private async Task<XElement> PrevAsync(AdHocSession session, CancellationToken cancellationToken)
    {
        if (session.Stage == 0)
        {
            throw new StanzaErrorException(StanzaErrors.BadAction("This is the first stage: there is no previous one."));
        }

        var remembered = session.GoBack();
        var fields = await BuildStageAsync(session, remembered, cancellationToken).ConfigureAwait(false);
        return CommandCodec.Executing(session.Command, session.Id, session.Stage, fields, []);
    }

    private async Task<XElement> NextAsync(AdHocSession session, DataForm? form, CancellationToken cancellationToken)
    {
        if (session.IsLastStage)
        {
            throw new StanzaErrorException(StanzaErrors.BadAction("This is the last stage: complete it instead."));
        }

        var validation = FormValidator.Validate(session.CurrentFields, form, session.Command.FormType);
        if (!validation.IsValid)
        {
            return Reprompt(session, form, validation.Errors.Select(e => e.Message));
        }

        session.Accept(validation.Values!);
        var fields = await BuildStageAsync(session, FormValues.Empty, cancellationToken).ConfigureAwait(false);
        return CommandCodec.Executing(session.Command, session.Id, session.Stage, fields, []);
    }

    private async Task<XElement> CompleteAsync(AdHocSession session, DataForm? form, CancellationToken cancellationToken)
    {
        if (!session.IsLastStage)
        {
            throw new StanzaErrorException(StanzaErrors.BadAction("Complete is offered on the last stage only: use next."));
        }

        var validation = FormValidator.Validate(session.CurrentFields, form, session.Command.FormType);
        if (!validation.IsValid)
        {
            return Reprompt(session, form, validation.Errors.Select(e => e.Message));
        }

        session.Accept(validation.Values!);
        var values = session.AcceptedValues();
        var outcome = await RunAsync(session.Requester, session.Command, values, session.PrivateFields, session.Language, cancellationToken)
            .ConfigureAwait(false);

        // A value the handler found wrong in this stage: give the person the form back to correct it.
        if (outcome.Error is { Kind: CommandErrorKind.BadRequest, Field: { } field } error && session.CurrentFields.Any(f => f.Var == field))
        {
            session.GoBack();
            return Reprompt(session, form, [error.Text]);
        }

        _sessions.End(session);
        return outcome.IsSuccess
            ? CommandCodec.Completed(session.Command, session.Id, outcome, AsTable(values))
            : throw new StanzaErrorException(StanzaErrors.For(outcome.Error!));
    }

    // The same stage again, with what was typed kept and a note per problem (research §2.6 item 10).
    private static XElement Reprompt(AdHocSession session, DataForm? submitted, IEnumerable<string> problems) =>
        CommandCodec.Executing(
            session.Command,
            session.Id,
            session.Stage,
            Refill(session.CurrentFields, name => submitted?.Field(name)?.Values),
            problems.Select(p => new CommandNote(NoteType.Error, p)).ToList());

    private async Task<IReadOnlyList<FormField>> BuildStageAsync(AdHocSession session, FormValues remembered, CancellationToken cancellationToken)
    {
        var fields = await BuildFieldsAsync(session.Command, session.Stage, session.Requester, session.AcceptedValues(), interactive: true, cancellationToken)
            .ConfigureAwait(false);
        session.CurrentFields = Refill(fields, name => remembered.Has(name) ? remembered.GetAll(name) : null);
        session.PrivateFields.UnionWith(fields.Where(f => f.Type == FormFieldType.TextPrivate).Select(f => f.Var!));
        return session.CurrentFields;
    }

    // One-shot: every stage's fields are checked against the one submitted form, stage after stage.
    private async Task<(FormValues Values, IReadOnlySet<string> PrivateFields)> ValidateOneShotAsync(
        Jid requester,
        AdHocCommand command,
        DataForm? form,
        CancellationToken cancellationToken)
    {
        var accepted = new List<FormValues>();
        var errors = new List<FormFieldError>();
        var privateFields = new HashSet<string>(StringComparer.Ordinal);
        for (var stage = 0; stage < Math.Max(1, command.Stages.Count); stage++)
        {
            var fields = await BuildFieldsAsync(command, stage, requester, FormValues.Merge(accepted), interactive: false, cancellationToken).ConfigureAwait(false);
            privateFields.UnionWith(fields.Where(f => f.Type == FormFieldType.TextPrivate).Select(f => f.Var!));
            var validation = FormValidator.Validate(fields, form, command.FormType);
            if (validation.IsValid)
            {
                accepted.Add(validation.Values!);
            }
            else
            {
                errors.AddRange(validation.Errors);
            }
        }

        if (errors.Count > 0)
        {
            throw new StanzaErrorException(StanzaErrors.BadPayload(string.Join(" ", errors.Select(e => e.Message))));
        }

        return (FormValues.Merge(accepted), privateFields);
    }

    private static async Task<IReadOnlyList<FormField>> BuildFieldsAsync(
        AdHocCommand command,
        int stage,
        Jid requester,
        FormValues earlier,
        bool interactive,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<FormField> fields = stage < command.Stages.Count
            ? await command.Stages[stage].BuildFields(new CommandStageContext(requester, earlier, interactive), cancellationToken).ConfigureAwait(false)
            : [];
        var isLast = stage >= command.Stages.Count - 1;
        return command.ReturnsTable && isLast ? [.. fields, CommandCodec.FormatField()] : fields;
    }

    private async Task<CommandOutcome> RunAsync(
        Jid requester,
        AdHocCommand command,
        FormValues values,
        IReadOnlySet<string> privateFields,
        string language,
        CancellationToken cancellationToken)
    {
        CommandOutcome outcome;
        try
        {
            outcome = await command.Handler(new CommandRequest(requester, command.Node, values, language), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.CommandFailed(command.Node, requester.Bare.ToString(), e);
            await AuditAsync(requester, command, values, privateFields, CommandAuditOutcome.Failed, "internal error", cancellationToken).ConfigureAwait(false);
            throw new StanzaErrorException(StanzaErrors.InternalServerError($"'{command.Node}' failed unexpectedly; the error was logged."));
        }

        _logger.CommandCompleted(command.Node, requester.Bare.ToString(), outcome.Error?.Kind.ToString() ?? "success");
        var result = outcome.IsSuccess ? CommandAuditOutcome.Completed : CommandAuditOutcome.Failed;
        await AuditAsync(requester, command, values, privateFields, result, outcome.Error?.Text, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private async Task AuditAsync(
        Jid requester,
        AdHocCommand command,
        FormValues values,
        IReadOnlySet<string> privateFields,
        CommandAuditOutcome outcome,
        string? error,
        CancellationToken cancellationToken)
    {
        var recorded = values.Names
            .Where(n => !privateFields.Contains(n))
            .ToDictionary(n => n, n => string.Join(", ", values.GetAll(n)), StringComparer.Ordinal);
        try
        {
            await _auditor.RecordAsync(new CommandAuditEntry(requester.Bare, command.Node, recorded, outcome, error, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The requester still gets the answer; the operator sees the gap in the log.
            _logger.AuditFailed(command.Node, requester.Bare.ToString(), e);
        }
    }

    private static bool AsTable(FormValues values) => values.GetString(CommandCodec.FormatVar) == CommandCodec.TableFormat;

    private static IReadOnlyList<FormField> Refill(IReadOnlyList<FormField> fields, Func<string, IReadOnlyList<string>?> valueOf) =>
        fields.Select(f => f.Var is not null && f.Type is not (FormFieldType.Fixed or FormFieldType.Hidden) && valueOf(f.Var) is { } values
            ? f with { Values = values }
            : f).ToList();
}
