namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// A business error from the system behind the component, carried in a stanza <c>&lt;error&gt;</c> next to
/// <c>undefined-condition</c>. Immutable.
/// </summary>
/// <param name="Issuer">Who failed, e.g. <c>enedis-data-connect</c>, <c>enedis-sge-tiers</c>, a charge point id.</param>
/// <param name="Code">That party's own error code, e.g. <c>ADAM-ERR0123</c>, <c>SGT570</c>, <c>503</c>; empty when it gave none.</param>
public sealed record UpstreamError(string Issuer, string Code);
