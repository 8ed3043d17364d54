namespace Quoalise.Protocol.Commands;

/// <summary>
/// Why a command failed, in words a person reads, mapped to one XMPP stanza error by
/// <see cref="Stanzas.StanzaErrors"/>. Never echo large input in <see cref="Text"/>.
/// </summary>
/// <param name="Kind">The failure class; decides the stanza error condition.</param>
/// <param name="Text">A specific, human sentence: which value, which rule.</param>
/// <param name="Field">The form field at fault, for <see cref="CommandErrorKind.BadRequest"/>.</param>
/// <param name="Issuer">For <see cref="CommandErrorKind.Upstream"/>: who failed, e.g. a charge point id.</param>
/// <param name="Code">For <see cref="CommandErrorKind.Upstream"/>: that party's own error code.</param>
public sealed record CommandError(CommandErrorKind Kind, string Text, string? Field = null, string? Issuer = null, string? Code = null);

/// <summary>Failure classes of command handlers. docs/commands.md lists the stanza error of each.</summary>
public enum CommandErrorKind
{
    /// <summary>A value is malformed or out of range: bad-request (modify) + bad-payload.</summary>
    BadRequest,

    /// <summary>No consent or grant covers the data asked for: not-authorized (auth), as sge-tiers-proxy answers.</summary>
    NotAuthorized,

    /// <summary>The requester's role does not allow the action: forbidden (auth).</summary>
    Forbidden,

    /// <summary>The thing named does not exist: item-not-found (cancel).</summary>
    NotFound,

    /// <summary>The action conflicts with current state: conflict (cancel).</summary>
    Conflict,

    /// <summary>The device or upstream is not reachable now: recipient-unavailable (wait).</summary>
    Unavailable,

    /// <summary>The device or upstream did not answer in time: remote-server-timeout (wait).</summary>
    Timeout,

    /// <summary>The device or upstream answered with its own error: undefined-condition + upstream-error.</summary>
    Upstream,

    /// <summary>A size or quota limit: resource-constraint (wait).</summary>
    LimitExceeded,
}
