using System.Text.RegularExpressions;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Forms;

/// <summary>
/// Server-side validation of a submitted form against the fields we asked for (XEP-0004 §3.3 and
/// XEP-0122). Clients cannot be trusted to validate: Gajim ignores XEP-0122 entirely. Fields we did not
/// ask for are ignored, fixed fields are display-only, and hidden fields keep the value we sent.
/// Stateless and thread-safe.
/// </summary>
public static class FormValidator
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    /// <param name="definition">The fields of the form we sent.</param>
    /// <param name="submitted">The requester's form, or null when none came (every field then takes its default).</param>
    /// <param name="formType">Our FORM_TYPE. A submission may omit it, but may not name another one.</param>
    public static FormValidationResult Validate(IReadOnlyList<FormField> definition, DataForm? submitted, string? formType)
    {
        var errors = new List<FormFieldError>();
        if (formType is not null && submitted?.FormType is { } theirs && theirs != formType)
        {
            errors.Add(new FormFieldError(Xep0068.FormTypeVar, $"FORM_TYPE '{Excerpt.Of(theirs)}' is not this form's ('{formType}')."));
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var field in definition)
        {
            if (field.Var is null || field.Type == FormFieldType.Fixed || field.Var == Xep0068.FormTypeVar)
            {
                continue;
            }

            var given = field.Type == FormFieldType.Hidden ? field.Values : SubmittedValues(field, submitted);
            var error = Check(field, given);
            if (error is not null)
            {
                errors.Add(new FormFieldError(field.Var, $"{Describe(field)}: {error}"));
            }
            else if (given.Count > 0)
            {
                values[field.Var] = field.Type == FormFieldType.JidMulti ? NormalizeJids(given) : given;
            }
        }

        return errors.Count == 0 ? FormValidationResult.Valid(new FormValues(values)) : FormValidationResult.Invalid(errors);
    }

    /// <summary>The human name of a field in messages: its label and its name, so both people and programs find it.</summary>
    public static string Describe(FormField field) =>
        field.Label is null || field.Label == field.Var ? $"Field '{field.Var}'" : $"{field.Label} ('{field.Var}')";

    // XEP-0004: empty and absent are the same; an absent field keeps the default we offered.
    private static IReadOnlyList<string> SubmittedValues(FormField field, DataForm? submitted)
    {
        var sent = submitted?.Field(field.Var!);
        if (sent is null)
        {
            return field.Values;
        }

        var values = sent.Values;
        if (field.Type == FormFieldType.TextMulti)
        {
            // Keep inner blank lines of a text; drop trailing ones a client adds.
            var end = values.Count;
            while (end > 0 && values[end - 1].Length == 0)
            {
                end--;
            }

            return values.Take(end).ToList();
        }

        return values.Where(v => v.Length > 0).ToList();
    }

    private static string? Check(FormField field, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return field.Required ? "a value is required." : null;
        }

        if (IsSingleValued(field.Type) && values.Count > 1)
        {
            return "takes a single value.";
        }

        foreach (var value in values)
        {
            var error = CheckValue(field, value);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? CheckValue(FormField field, string value)
    {
        switch (field.Type)
        {
            case FormFieldType.Boolean when FormLexical.ParseBoolean(value) is null:
                return $"'{Excerpt.Of(value)}' is not a boolean (1, 0, true or false).";
            case FormFieldType.JidSingle or FormFieldType.JidMulti when !Jid.TryParse(value, out _, out var why):
                return $"'{Excerpt.Of(value)}' is not a valid JID: {why}.";
            case FormFieldType.ListSingle or FormFieldType.ListMulti
                when field.Validation?.Method != ValidationMethod.Open && field.Options.All(o => o.Value != value):
                return $"'{Excerpt.Of(value)}' is not one of the offered options.";
        }

        return field.Validation is { } validation ? CheckDatatype(validation, value) : null;
    }

    private static string? CheckDatatype(FieldValidation validation, string value)
    {
        IComparable? parsed;
        string expected;
        switch (validation.Datatype)
        {
            case Xep0122.DateTime:
                parsed = FormLexical.ParseDateTime(value);
                expected = "an ISO 8601 date-time with an offset, e.g. 2026-01-01T00:00:00+01:00";
                break;
            case Xep0122.Date:
                parsed = FormLexical.ParseDate(value);
                expected = "a date as YYYY-MM-DD";
                break;
            case Xep0122.Integer or Xep0122.Long:
                parsed = FormLexical.ParseInteger(value);
                expected = "an integer";
                break;
            case Xep0122.Int:
                parsed = FormLexical.ParseInteger(value) is { } i and >= int.MinValue and <= int.MaxValue ? i : null;
                expected = "a 32-bit integer";
                break;
            case Xep0122.Decimal:
                parsed = FormLexical.ParseDecimal(value);
                expected = "a decimal number such as 12.5";
                break;
            case Xep0122.Double:
                parsed = FormLexical.ParseDouble(value);
                expected = "a number";
                break;
            case Xep0122.Boolean:
                parsed = FormLexical.ParseBoolean(value);
                expected = "a boolean";
                break;
            case Xep0122.AnyUri:
                parsed = Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _) ? value : null;
                expected = "a URI";
                break;

            // XEP-0122 §4: an unknown datatype is validated as xs:string.
            default:
                parsed = value;
                expected = "text";
                break;
        }

        if (parsed is null)
        {
            return $"'{Excerpt.Of(value)}' is not {expected}.";
        }

        return validation.Method switch
        {
            ValidationMethod.Range => CheckRange(validation, parsed, value),
            ValidationMethod.Regex when validation.Pattern is { } pattern => MatchesWhole(pattern, value) ? null : $"'{Excerpt.Of(value)}' does not match {pattern}.",
            _ => null,
        };
    }

    private static string? CheckRange(FieldValidation validation, IComparable parsed, string value)
    {
        var min = validation.Min is null ? null : Reparse(validation.Datatype, validation.Min);
        var max = validation.Max is null ? null : Reparse(validation.Datatype, validation.Max);
        if ((min is not null && parsed.CompareTo(min) < 0) || (max is not null && parsed.CompareTo(max) > 0))
        {
            return $"'{Excerpt.Of(value)}' is outside {validation.Min ?? "…"} to {validation.Max ?? "…"}.";
        }

        return null;
    }

    private static IComparable? Reparse(string datatype, string bound) => datatype switch
    {
        Xep0122.DateTime => FormLexical.ParseDateTime(bound),
        Xep0122.Date => FormLexical.ParseDate(bound),
        Xep0122.Integer or Xep0122.Long or Xep0122.Int => FormLexical.ParseInteger(bound),
        Xep0122.Decimal => FormLexical.ParseDecimal(bound),
        Xep0122.Double => FormLexical.ParseDouble(bound),
        _ => bound,
    };

    // XEP-0122 regexes match the whole value; a pathological pattern times out rather than hangs.
    private static bool MatchesWhole(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool IsSingleValued(FormFieldType type) =>
        type is not (FormFieldType.TextMulti or FormFieldType.ListMulti or FormFieldType.JidMulti or FormFieldType.Hidden);

    private static List<string> NormalizeJids(IReadOnlyList<string> values) =>
        values.Select(v => Jid.Parse(v).ToString()).Distinct(StringComparer.Ordinal).ToList();

}
