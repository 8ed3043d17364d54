using System.Xml.Linq;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Protocol.Stanzas;

/// <summary>
/// Every stanza error the component sends, by our own name, mapped once to RFC 6120 type and
/// condition and, for commands, to the XEP-0050 §4.4 specific condition. docs/commands.md lists them.
/// Stateless and thread-safe.
/// </summary>
public static class StanzaErrors
{
    /// <summary>RFC 6120 §8.4: an iq get/set whose payload namespace we do not serve.</summary>
    public static StanzaError ServiceUnavailable(string? text = null) =>
        new(StanzaErrorType.Cancel, StanzaCondition.ServiceUnavailable, text);

    public static StanzaError BadRequest(string text) => new(StanzaErrorType.Modify, StanzaCondition.BadRequest, text);

    /// <summary>A namespace we serve, asked for something it does not do (e.g. a disco set).</summary>
    public static StanzaError FeatureNotImplemented(string text) =>
        new(StanzaErrorType.Cancel, StanzaCondition.FeatureNotImplemented, text);

    public static StanzaError ItemNotFound(string text) => new(StanzaErrorType.Cancel, StanzaCondition.ItemNotFound, text);

    /// <summary>The requester's role does not allow this (XEP-0050 §4.4: forbidden, cancel).</summary>
    public static StanzaError Forbidden(string text) => new(StanzaErrorType.Cancel, StanzaCondition.Forbidden, text);

    /// <summary>No grant or consent covers the data; what sge-tiers-proxy answers, so existing clients map it.</summary>
    public static StanzaError NotAuthorized(string text) => new(StanzaErrorType.Cancel, StanzaCondition.NotAuthorized, text);

    public static StanzaError Conflict(string text) => new(StanzaErrorType.Cancel, StanzaCondition.Conflict, text);

    /// <summary>Too many requests from one JID: retry after waiting.</summary>
    public static StanzaError RateLimited(string text) => new(StanzaErrorType.Wait, StanzaCondition.PolicyViolation, text);

    /// <summary>An incoming stanza over our size or depth cap: send less.</summary>
    public static StanzaError TooLarge(string text) => new(StanzaErrorType.Modify, StanzaCondition.PolicyViolation, text);

    public static StanzaError ResourceConstraint(string text) => new(StanzaErrorType.Wait, StanzaCondition.ResourceConstraint, text);

    public static StanzaError RecipientUnavailable(string text) => new(StanzaErrorType.Wait, StanzaCondition.RecipientUnavailable, text);

    public static StanzaError RemoteServerTimeout(string text) => new(StanzaErrorType.Wait, StanzaCondition.RemoteServerTimeout, text);

    public static StanzaError InternalServerError(string text) => new(StanzaErrorType.Cancel, StanzaCondition.InternalServerError, text);

    /// <summary>A business error from a device or upstream service, with its <c>&lt;upstream-error issuer code/&gt;</c>.</summary>
    public static StanzaError Upstream(string text, XElement upstreamError) =>
        new(StanzaErrorType.Cancel, StanzaCondition.UndefinedCondition, text, upstreamError);

    /// <summary>XEP-0050 §4.4: the action attribute is not one of the five.</summary>
    public static StanzaError MalformedAction(string text) => Command(StanzaErrorType.Modify, StanzaCondition.BadRequest, Xep0050.MalformedAction, text);

    /// <summary>XEP-0050 §4.4: an action not offered at this stage.</summary>
    public static StanzaError BadAction(string text) => Command(StanzaErrorType.Modify, StanzaCondition.BadRequest, Xep0050.BadAction, text);

    /// <summary>XEP-0050 §4.4: the submitted data is not acceptable (one-shot validation failures).</summary>
    public static StanzaError BadPayload(string text) => Command(StanzaErrorType.Modify, StanzaCondition.BadRequest, Xep0050.BadPayload, text);

    /// <summary>XEP-0050 §4.4: the session id is unknown, or belongs to another requester or node.</summary>
    public static StanzaError BadSessionId(string text) => Command(StanzaErrorType.Modify, StanzaCondition.BadRequest, Xep0050.BadSessionId, text);

    /// <summary>XEP-0050 §4.4: the session completed, was canceled, or timed out.</summary>
    public static StanzaError SessionExpired(string text) => Command(StanzaErrorType.Cancel, StanzaCondition.NotAllowed, Xep0050.SessionExpired, text);

    /// <summary>The stanza error of a command handler's failure; docs/commands.md tabulates it.</summary>
    public static StanzaError For(CommandError error) => error.Kind switch
    {
        CommandErrorKind.BadRequest => BadPayload(error.Text),
        CommandErrorKind.NotAuthorized => NotAuthorized(error.Text),
        CommandErrorKind.Forbidden => Forbidden(error.Text),
        CommandErrorKind.NotFound => ItemNotFound(error.Text),
        CommandErrorKind.Conflict => Conflict(error.Text),
        CommandErrorKind.Unavailable => RecipientUnavailable(error.Text),
        CommandErrorKind.Timeout => RemoteServerTimeout(error.Text),
        CommandErrorKind.LimitExceeded => ResourceConstraint(error.Text),

        // The Python client reads 'code' without a default: both attributes are always written.
        CommandErrorKind.Upstream => Upstream(error.Text, UpstreamErrorCodec.Write(new UpstreamError(error.Issuer ?? "quoalise", error.Code ?? "unknown"))),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error.Kind, null),
    };

    private static StanzaError Command(StanzaErrorType type, string condition, string specific, string text) =>
        new(type, condition, text, new XElement(Xep0050.Ns + specific));
}
