using Quoalise.Adapters.Ocpp.Metering;

namespace Quoalise.Adapters.Ocpp.Connections;

/// <summary>
/// What a charge point id may be, checked where it connects and where it is registered. OCPP 2.0.1 Part 4 §3.1:
/// at most 48 characters, without ':' (it is the Basic username). It also names the charge point's series, each
/// byte but an ASCII letter, digit, '.' or '-' written <c>_XX</c> (<see cref="SeriesNames.Encode"/>): there it may
/// take at most 144 characters, which any ASCII id of 48 characters fits, so that the longest series name stays
/// within the core's 255 (an id of many non-ASCII characters would otherwise fail every write of its charge
/// point). Stateless and thread-safe.
/// </summary>
internal static class ChargePointIdentity
{
    public const int MaxLength = 48;
    public const int MaxEncodedLength = 144;

    /// <returns>Why the id is refused, one sentence; null when it may be used.</returns>
    public static string? Problem(string id)
    {
        if (id.Length is 0 or > MaxLength || id.Any(c => c == ':' || char.IsControl(c)))
        {
            return $"The charge point id must be 1 to {MaxLength} characters, without ':'.";
        }

        var encoded = SeriesNames.Encode(id).Length;
        return encoded > MaxEncodedLength
            ? $"The charge point id '{id}' takes {encoded} characters in series names (where each byte but an ASCII letter, digit, '.' or '-' is written _XX), more than {MaxEncodedLength}: use fewer non-ASCII characters."
            : null;
    }
}
