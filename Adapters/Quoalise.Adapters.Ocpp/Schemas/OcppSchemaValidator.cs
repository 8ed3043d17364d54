using System.Collections.Concurrent;
using System.Text.Json;
using NJsonSchema;
using NJsonSchema.Validation;
using Quoalise.Adapters.Ocpp.Rpc;

namespace Quoalise.Adapters.Ocpp.Schemas;

/// <summary>
/// Validates payloads against the official OCPP JSON schemas embedded from <c>Schemas/ocpp/</c> (1.6:
/// draft-04, 2.0.1: draft-06, both read correctly by NJsonSchema: required, enum, maxLength, formats,
/// <c>$ref</c> to definitions, additionalProperties). Schemas load once, on first use. Thread-safe.
/// </summary>
internal sealed class OcppSchemaValidator
{
    private const int MaxReportedViolations = 3;

    private readonly ConcurrentDictionary<(OcppVersion, string, PayloadKind), Lazy<JsonSchema?>> _schemas = new();
    private readonly IReadOnlySet<string> _actions16;
    private readonly IReadOnlySet<string> _actions201;

    public OcppSchemaValidator()
    {
        var names = typeof(OcppSchemaValidator).Assembly.GetManifestResourceNames();
        _actions16 = Actions(names, "ocpp/1.6/", ".json");
        _actions201 = Actions(names, "ocpp/2.0.1/", "Request.json");
    }

    /// <summary>Whether <paramref name="action"/> is an action of <paramref name="version"/> (it has a request schema).</summary>
    public bool IsAction(OcppVersion version, string action) =>
        (version == OcppVersion.V16 ? _actions16 : _actions201).Contains(action);

    /// <returns>The violations, the first (most relevant) ones only; empty when valid.</returns>
    public IReadOnlyList<SchemaViolation> Validate(OcppVersion version, string action, PayloadKind kind, JsonElement payload)
    {
        var schema = _schemas.GetOrAdd((version, action, kind), key => new Lazy<JsonSchema?>(() => Load(key.Item1, key.Item2, key.Item3))).Value
            ?? throw new ArgumentException($"There is no OCPP {version} schema for {action} {kind}.", nameof(action));
        return Flatten(schema.Validate(payload.GetRawText())).Take(MaxReportedViolations).ToList();
    }

    private static JsonSchema? Load(OcppVersion version, string action, PayloadKind kind)
    {
        var name = (version, kind) switch
        {
            (OcppVersion.V16, PayloadKind.Request) => $"ocpp/1.6/{action}.json",
            (OcppVersion.V16, _) => $"ocpp/1.6/{action}Response.json",
            (_, PayloadKind.Request) => $"ocpp/2.0.1/{action}Request.json",
            _ => $"ocpp/2.0.1/{action}Response.json",
        };
        using var stream = typeof(OcppSchemaValidator).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }

    private static HashSet<string> Actions(string[] resources, string prefix, string suffix) =>
        resources
            .Where(r => r.StartsWith(prefix, StringComparison.Ordinal) && r.EndsWith(suffix, StringComparison.Ordinal) && !r.EndsWith("Response.json", StringComparison.Ordinal))
            .Select(r => r[prefix.Length..^suffix.Length])
            .ToHashSet(StringComparer.Ordinal);

    // Errors inside array items and sub-schemas come wrapped; the leaves say what is wrong.
    private static IEnumerable<SchemaViolation> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return new SchemaViolation(error.Path ?? "#", Describe(error.Kind), CodeOf(error.Kind));
            }
        }
    }

    private static OcppErrorCode CodeOf(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.PropertyRequired or ValidationErrorKind.TooManyItems or ValidationErrorKind.TooFewItems
            => OcppErrorCode.OccurrenceConstraintViolation,
        ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected
            or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
            or ValidationErrorKind.NullExpected
            => OcppErrorCode.TypeConstraintViolation,
        ValidationErrorKind.NoAdditionalPropertiesAllowed or ValidationErrorKind.AdditionalItemNotValid
            => OcppErrorCode.FormatViolation,
        _ => OcppErrorCode.PropertyConstraintViolation,
    };

    private static string Describe(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.PropertyRequired => "required but missing",
        ValidationErrorKind.TooFewItems => "has too few items",
        ValidationErrorKind.TooManyItems => "has too many items",
        ValidationErrorKind.StringExpected => "must be a string",
        ValidationErrorKind.NumberExpected => "must be a number",
        ValidationErrorKind.IntegerExpected => "must be an integer",
        ValidationErrorKind.BooleanExpected => "must be a boolean",
        ValidationErrorKind.ObjectExpected => "must be an object",
        ValidationErrorKind.ArrayExpected => "must be an array",
        ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not a field of this message",
        ValidationErrorKind.NotInEnumeration => "is not one of the allowed values",
        ValidationErrorKind.StringTooLong => "is too long",
        ValidationErrorKind.StringTooShort => "is too short",
        ValidationErrorKind.NumberTooBig => "is too big",
        ValidationErrorKind.NumberTooSmall => "is too small",
        ValidationErrorKind.DateTimeExpected => "must be an RFC 3339 date-time",
        ValidationErrorKind.UriExpected => "must be a URI",
        _ => kind.ToString(),
    };
}
