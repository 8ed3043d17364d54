using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>
/// Parses <c>{"ip": "192.168.42.85", "status": true}</c> and the controller MAC of the topic
/// (<c>XX:XX:XX:XX:XX:XX</c>, stored upper-case). Stateless and thread-safe.
/// </summary>
internal static partial class ControllerPayloadParser
{
    /// <summary>The MAC in canonical form, or null with the reason.</summary>
    public static string? NormalizeMac(string text, out string? problem)
    {
        if (!Mac().IsMatch(text))
        {
            problem = $"The controller address '{(text.Length <= 32 ? text : text[..31] + "…")}' is not a MAC address XX:XX:XX:XX:XX:XX.";
            return null;
        }

        problem = null;
        return text.ToUpperInvariant().Replace('-', ':');
    }

    public static ControllerStatus? Parse(ReadOnlySpan<byte> payload, out PayloadProblem? problem)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 4 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            problem = new(IngestErrorType.InvalidPayload, $"The payload is not JSON: {e.Message}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = new(IngestErrorType.InvalidPayload, $"The payload is a JSON {ReadingsPayloadParser.Kind(root.ValueKind)}, not an object {{\"ip\", \"status\"}}.");
                return null;
            }

            if (!root.TryGetProperty("ip", out var ip) || !root.TryGetProperty("status", out var status))
            {
                problem = new(IngestErrorType.InvalidPayload, "The payload lacks the field 'ip' or 'status'.");
                return null;
            }

            if (ip.ValueKind != JsonValueKind.String || !IPAddress.TryParse(ip.GetString(), out var address))
            {
                problem = new(IngestErrorType.InvalidValue, $"'ip' is {ReadingsPayloadParser.Describe(ip)}, not an IP address.");
                return null;
            }

            if (status.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problem = new(IngestErrorType.InvalidValue, $"'status' is {ReadingsPayloadParser.Describe(status)}, not true or false.");
                return null;
            }

            problem = null;
            return new ControllerStatus(address.ToString(), status.GetBoolean());
        }
    }

    [GeneratedRegex("^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$")]
    private static partial Regex Mac();
}
