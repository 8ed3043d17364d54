namespace Quoalise.Protocol.Forms;

/// <summary>
/// One XEP-0004 field: as a form asks for it (label, options, required, validation, default values)
/// or as a submission or result carries it (values). Immutable; build with the factory methods.
/// </summary>
public sealed record FormField
{
    /// <summary>Field name; optional only for <see cref="FormFieldType.Fixed"/> fields.</summary>
    public string? Var { get; init; }

    public FormFieldType Type { get; init; } = FormFieldType.TextSingle;

    public string? Label { get; init; }

    /// <summary>Shown as a tooltip by Gajim.</summary>
    public string? Description { get; init; }

    public bool Required { get; init; }

    public IReadOnlyList<string> Values { get; init; } = [];

    public IReadOnlyList<FormOption> Options { get; init; } = [];

    public FieldValidation? Validation { get; init; }

    /// <summary>The first value, or null when the field carries none.</summary>
    public string? Value => Values.Count > 0 ? Values[0] : null;

    public static FormField TextSingle(string var, string label, bool required = false, string? value = null, string? description = null) =>
        new() { Var = var, Type = FormFieldType.TextSingle, Label = label, Required = required, Values = Single(value), Description = description };

    public static FormField TextMulti(string var, string label, IReadOnlyList<string>? lines = null, bool required = false) =>
        new() { Var = var, Type = FormFieldType.TextMulti, Label = label, Required = required, Values = lines ?? [] };

    public static FormField TextPrivate(string var, string label, bool required = false) =>
        new() { Var = var, Type = FormFieldType.TextPrivate, Label = label, Required = required };

    public static FormField Boolean(string var, string label, bool? value = null, bool required = false) =>
        new() { Var = var, Type = FormFieldType.Boolean, Label = label, Required = required, Values = value is null ? [] : [value.Value ? "1" : "0"] };

    /// <summary>A read-only line. Fixed values hold no newline: use several fixed fields instead.</summary>
    public static FormField Fixed(string? var, string? label, string value) =>
        new() { Var = var, Type = FormFieldType.Fixed, Label = label, Values = [value] };

    public static FormField Hidden(string var, string value) =>
        new() { Var = var, Type = FormFieldType.Hidden, Values = [value] };

    public static FormField JidSingle(string var, string label, bool required = false, string? value = null) =>
        new() { Var = var, Type = FormFieldType.JidSingle, Label = label, Required = required, Values = Single(value) };

    public static FormField JidMulti(string var, string label, bool required = false, IReadOnlyList<string>? values = null) =>
        new() { Var = var, Type = FormFieldType.JidMulti, Label = label, Required = required, Values = values ?? [] };

    public static FormField ListSingle(string var, string label, IReadOnlyList<FormOption> options, bool required = false, string? value = null) =>
        new() { Var = var, Type = FormFieldType.ListSingle, Label = label, Options = options, Required = required, Values = Single(value) };

    public static FormField ListMulti(string var, string label, IReadOnlyList<FormOption> options, bool required = false, IReadOnlyList<string>? values = null) =>
        new() { Var = var, Type = FormFieldType.ListMulti, Label = label, Options = options, Required = required, Values = values ?? [] };

    /// <summary>An ISO 8601 instant with an offset, validated as XEP-0122 <c>xs:dateTime</c>.</summary>
    public static FormField DateTime(string var, string label, bool required = false, DateTimeOffset? value = null, string? description = null) =>
        new()
        {
            Var = var,
            Label = label,
            Required = required,
            Description = description ?? "ISO 8601 with an offset, e.g. 2026-01-01T00:00:00+01:00",
            Values = value is null ? [] : [value.Value.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture)],
            Validation = new FieldValidation(Xep0122.DateTime),
        };

    /// <summary>An integer, optionally bounded (XEP-0122 <c>xs:integer</c> with a range).</summary>
    public static FormField Integer(string var, string label, bool required = false, long? value = null, long? min = null, long? max = null) =>
        new()
        {
            Var = var,
            Label = label,
            Required = required,
            Values = value is null ? [] : [value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Validation = min is null && max is null
                ? new FieldValidation(Xep0122.Integer)
                : new FieldValidation(Xep0122.Integer, ValidationMethod.Range,
                    min?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    max?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };

    private static IReadOnlyList<string> Single(string? value) => value is null ? [] : [value];
}
