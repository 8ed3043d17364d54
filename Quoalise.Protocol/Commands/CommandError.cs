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
