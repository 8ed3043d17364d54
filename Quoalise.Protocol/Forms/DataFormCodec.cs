using System.Xml.Linq;

namespace Quoalise.Protocol.Forms;

/// <summary>
/// Reads and writes XEP-0004 forms with their XEP-0122 validation. Reading is lenient in what the
/// XEPs leave open (unknown field types are text-single, validation methods in either namespace) and
/// strict on size (<see cref="Xep0004.MaxFields"/> and friends). Writing always sets the form and field
/// types, since Smack and Gajim break without them. Stateless and thread-safe.
/// </summary>
/// <example>
/// <code>
/// &lt;x xmlns='jabber:x:data' type='form'&gt;
///   &lt;title&gt;Get history&lt;/title&gt;
///   &lt;field var='FORM_TYPE' type='hidden'&gt;&lt;value&gt;urn:quoalise:0#get_history&lt;/value&gt;&lt;/field&gt;
///   &lt;field var='start_time' type='text-single' label='Start'&gt;
///     &lt;validate xmlns='http://jabber.org/protocol/xdata-validate' datatype='xs:dateTime'/&gt;&lt;required/&gt;
///   &lt;/field&gt;
/// &lt;/x&gt;
/// </code>
/// </example>
public static class DataFormCodec
{
    private static readonly XNamespace ValidateNs = Xep0122.Namespace;
    private static readonly XName Validate = ValidateNs + "validate";

    public static XElement Write(DataForm form)
    {
        var x = new XElement(Xep0004.X, new XAttribute("type", Xep0004.ToWire(form.Type)));
        if (form.Title is not null)
        {
            x.Add(new XElement(Xep0004.Title, form.Title));
        }

        foreach (var line in form.Instructions)
        {
            x.Add(new XElement(Xep0004.Instructions, line));
        }

        x.Add(form.Fields.Select(WriteField));
        if (form.Reported is not null)
        {
            // XEP-0004 §3.4: reported fields carry var, label and type, and no value.
            x.Add(new XElement(Xep0004.Reported, form.Reported.Select(f => WriteField(f with { Values = [] }))));
            x.Add(form.Items.Select(item => new XElement(Xep0004.Item, item.Select(WriteItemField))));
        }

        return x;
    }

    /// <summary>Reads an <c>&lt;x xmlns='jabber:x:data'&gt;</c> element.</summary>
    /// <exception cref="DataFormFormatException">The form breaks XEP-0004 or our size caps.</exception>
    public static DataForm Parse(XElement x)
    {
        if (x.Name != Xep0004.X)
        {
            throw new DataFormFormatException($"Expected a jabber:x:data form, got <{x.Name.LocalName}>.");
        }

        var type = Xep0004.FormTypeFromWire((string?)x.Attribute("type"))
            ?? throw new DataFormFormatException("The form's type must be form, submit, cancel or result.");
        var budget = new TextBudget();
        var fields = ParseFields(x.Elements(Xep0004.Field), budget);
        var reported = x.Element(Xep0004.Reported) is { } r ? ParseFields(r.Elements(Xep0004.Field), budget) : null;
        var items = x.Elements(Xep0004.Item).Select(i => ParseFields(i.Elements(Xep0004.Field), budget)).ToList();
        return new DataForm
        {
            Type = type,
            Title = budget.Take((string?)x.Element(Xep0004.Title)),
            Instructions = x.Elements(Xep0004.Instructions).Select(i => budget.Take(i.Value)!).ToList(),
            Fields = fields,
            Reported = reported,
            Items = items,
        };
    }

    private static XElement WriteField(FormField field)
    {
        var element = new XElement(Xep0004.Field, new XAttribute("type", Xep0004.ToWire(field.Type)));
        if (field.Var is not null)
        {
            element.SetAttributeValue("var", field.Var);
        }

        if (field.Label is not null)
        {
            element.SetAttributeValue("label", field.Label);
        }

        if (field.Description is not null)
        {
            element.Add(new XElement(Xep0004.Desc, field.Description));
        }

        if (field.Validation is { } validation)
        {
            element.Add(WriteValidation(validation));
        }

        if (field.Required)
        {
            element.Add(new XElement(Xep0004.Required));
        }

        element.Add(field.Values.Select(v => new XElement(Xep0004.Value, v)));
        element.Add(field.Options.Select(o => new XElement(
            Xep0004.Option,
            o.Label is null ? null : new XAttribute("label", o.Label),
            new XElement(Xep0004.Value, o.Value))));
        return element;
    }

    // Inside <item>, a field only names its column and carries its value.
    private static XElement WriteItemField(FormField field) =>
        new(Xep0004.Field, new XAttribute("var", field.Var ?? string.Empty), field.Values.Select(v => new XElement(Xep0004.Value, v)));

    private static XElement WriteValidation(FieldValidation validation)
    {
        var element = new XElement(Validate, new XAttribute("datatype", validation.Datatype));
        element.Add(validation.Method switch
        {
            ValidationMethod.Basic => new XElement(ValidateNs + "basic"),
            ValidationMethod.Open => new XElement(ValidateNs + "open"),
            ValidationMethod.Range => new XElement(
                ValidateNs + "range",
                validation.Min is null ? null : new XAttribute("min", validation.Min),
                validation.Max is null ? null : new XAttribute("max", validation.Max)),
            ValidationMethod.Regex => new XElement(ValidateNs + "regex", validation.Pattern),
            _ => throw new ArgumentOutOfRangeException(nameof(validation), validation.Method, null),
        });
        return element;
    }

    private static List<FormField> ParseFields(IEnumerable<XElement> elements, TextBudget budget)
    {
        var fields = new List<FormField>();
        foreach (var element in elements)
        {
            if (fields.Count == Xep0004.MaxFields)
            {
                throw new DataFormFormatException($"The form has more than {Xep0004.MaxFields} fields.");
            }

            fields.Add(ParseField(element, budget));
        }

        return fields;
    }

    private static FormField ParseField(XElement element, TextBudget budget)
    {
        var var = budget.Take((string?)element.Attribute("var"));
        var values = element.Elements(Xep0004.Value).Select(v => budget.Take(v.Value)!).ToList();
        if (values.Count > Xep0004.MaxValuesPerField)
        {
            throw new DataFormFormatException($"Field '{var}' has more than {Xep0004.MaxValuesPerField} values.");
        }

        return new FormField
        {
            Var = var,
            Type = Xep0004.FieldTypeFromWire((string?)element.Attribute("type")),
            Label = budget.Take((string?)element.Attribute("label")),
            Description = budget.Take((string?)element.Element(Xep0004.Desc)),
            Required = element.Element(Xep0004.Required) is not null,
            Values = values,
            Options = element.Elements(Xep0004.Option)
                .Select(o => new FormOption(budget.Take((string?)o.Element(Xep0004.Value)) ?? string.Empty, budget.Take((string?)o.Attribute("label"))))
                .ToList(),
            Validation = element.Element(Validate) is { } v ? ParseValidation(v) : null,
        };
    }

    private static FieldValidation ParseValidation(XElement validate)
    {
        var datatype = (string?)validate.Attribute("datatype") ?? Xep0122.String;

        // XEP-0122's own example puts the method in jabber:x:data by mistake: accept either namespace.
        var method = validate.Elements().FirstOrDefault(e => e.Name.Namespace == ValidateNs || e.Name.Namespace == Xep0004.Ns);
        return method?.Name.LocalName switch
        {
            "open" => new FieldValidation(datatype, ValidationMethod.Open),
            "range" => new FieldValidation(datatype, ValidationMethod.Range, (string?)method.Attribute("min"), (string?)method.Attribute("max")),
            "regex" => new FieldValidation(datatype, ValidationMethod.Regex, Pattern: method.Value),

            // XEP-0122 §3: an unknown method is treated as basic.
            _ => new FieldValidation(datatype),
        };
    }

    /// <summary>Counts characters taken from a submitted form against the per-value and total caps.</summary>
    private sealed class TextBudget
    {
        private int _total;

        public string? Take(string? text)
        {
            if (text is null)
            {
                return null;
            }

            if (text.Length > Xep0004.MaxValueLength)
            {
                throw new DataFormFormatException($"A form value is longer than {Xep0004.MaxValueLength} characters.");
            }

            _total += text.Length;
            if (_total > Xep0004.MaxTotalTextLength)
            {
                throw new DataFormFormatException($"The form holds more than {Xep0004.MaxTotalTextLength} characters of text.");
            }

            return text;
        }
    }
}
