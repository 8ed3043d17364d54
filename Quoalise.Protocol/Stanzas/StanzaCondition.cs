namespace Quoalise.Protocol.Stanzas;

/// <summary>RFC 6120 §8.3.3 defined conditions (local names in <see cref="XmppNames.StanzaErrorsNamespace"/>).</summary>
public static class StanzaCondition
{
    public const string BadRequest = "bad-request";
    public const string Conflict = "conflict";
    public const string FeatureNotImplemented = "feature-not-implemented";
    public const string Forbidden = "forbidden";
    public const string InternalServerError = "internal-server-error";
    public const string ItemNotFound = "item-not-found";
    public const string JidMalformed = "jid-malformed";
    public const string NotAcceptable = "not-acceptable";
    public const string NotAllowed = "not-allowed";
    public const string NotAuthorized = "not-authorized";
    public const string PolicyViolation = "policy-violation";
    public const string RecipientUnavailable = "recipient-unavailable";
    public const string RemoteServerTimeout = "remote-server-timeout";
    public const string ResourceConstraint = "resource-constraint";
    public const string ServiceUnavailable = "service-unavailable";
    public const string UndefinedCondition = "undefined-condition";
    public const string UnexpectedRequest = "unexpected-request";
}
