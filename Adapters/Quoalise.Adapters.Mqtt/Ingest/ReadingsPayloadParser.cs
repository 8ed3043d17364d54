using System.Globalization;
using System.Text.Json;

namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>
/// Parses <c>{"humiditeAmbiante": 65.3, "temperatureAmbiante": 22.1}</c>: one or more catalogue keys with JSON
/// numbers. Bad keys and values are problems of their own; the good ones are still stored, as the bridge did.
/// Thread-safe (stateless apart from the catalogue).
/// </summary>
internal sealed class ReadingsPayloadParser(SensorCatalog catalog)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8, CommentHandling = JsonCommentHandling.Disallow };

    /// <param name="payload">Valid UTF-8 (checked by the caller, which records INVALID_ENCODING otherwise).</param>
    public ReadingsPayload Parse(ReadOnlySpan<byte> payload)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(payload, ReaderOptions);
            document = JsonDocument.ParseValue(ref reader);

            // Anything but whitespace after the value throws ("… invalid after a single JSON value").
            _ = reader.Read();
        }
        catch (JsonException e)
        {
            return Fail(IngestErrorType.InvalidPayload, $"The payload is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(IngestErrorType.InvalidPayload, $"The payload is a JSON {Kind(root.ValueKind)}, not an object of sensor keys.");
            }

            var readings = new List<Reading>();
            var problems = new List<PayloadProblem>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!catalog.TryGet(property.Name, out var sensor))
                {
                    problems.Add(new(IngestErrorType.UnknownSensor, $"'{Shorten(property.Name)}' is not a sensor of the catalogue."));
                    continue;
                }

                if (!seen.Add(property.Name))
                {
                    problems.Add(new(IngestErrorType.InvalidPayload, $"'{sensor.Key}' is given twice; the first value is kept."));
                    continue;
                }

                if (property.Value.ValueKind != JsonValueKind.Number)
                {
                    problems.Add(new(IngestErrorType.InvalidValue, $"'{sensor.Key}' is {Describe(property.Value)}, not a number."));
                    continue;
                }

                if (!property.Value.TryGetDouble(out var value) || !double.IsFinite(value))
                {
                    problems.Add(new(IngestErrorType.InvalidValue, $"'{sensor.Key}' = {Shorten(property.Value.GetRawText())} is beyond the range of a number."));
                    continue;
                }

                var clamped = sensor.Clamp(value);
                if (clamped != value)
                {
                    problems.Add(new(IngestErrorType.ValueOutOfRange, string.Create(
                        CultureInfo.InvariantCulture,
                        $"'{sensor.Key}' = {value} is outside {sensor.Min} to {sensor.Max} {sensor.Unit}; stored as {clamped}.")));
                }

                readings.Add(new Reading(sensor, clamped));
            }

            if (readings.Count == 0 && problems.Count == 0)
            {
                problems.Add(new(IngestErrorType.InvalidPayload, "The payload is an empty object: no sensor key."));
            }

            return new ReadingsPayload(readings, problems);
        }
    }

    internal static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "object",
    };

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(value.GetString() ?? string.Empty)}\"",
        _ => "a JSON " + Kind(value.ValueKind),
    };

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..63] + "…";

    private static ReadingsPayload Fail(string type, string detail) => new([], [new PayloadProblem(type, detail)]);
}
