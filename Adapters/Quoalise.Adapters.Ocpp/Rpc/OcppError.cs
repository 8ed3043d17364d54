namespace Quoalise.Adapters.Ocpp.Rpc;

/// <summary>A CALLERROR as sent or received: the code as spelt on the wire, and a description (at most 255 characters in 2.0.1).</summary>
/// <param name="Code">The wire spelling, e.g. <c>FormationViolation</c> on 1.6.</param>
/// <param name="Description">Human text; never echoes large input.</param>
internal sealed record OcppError(string Code, string Description);
