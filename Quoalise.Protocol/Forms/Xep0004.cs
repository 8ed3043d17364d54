using System.Xml.Linq;

namespace Quoalise.Protocol.Forms;

/// <summary>XEP-0004 (Data Forms) names and the resource caps we enforce on submitted forms.</summary>
public static class Xep0004
{
    public const string Namespace = "jabber:x:data";

    public static readonly XNamespace Ns = Namespace;
    public static readonly XName X = Ns + "x";
    public static readonly XName Title = Ns + "title";
    public static readonly XName Instructions = Ns + "instructions";
    public static readonly XName Field = Ns + "field";
    public static readonly XName Desc = Ns + "desc";
    public static readonly XName Required = Ns + "required";
    public static readonly XName Value = Ns + "value";
    public static readonly XName Option = Ns + "option";
    public static readonly XName Reported = Ns + "reported";
    public static readonly XName Item = Ns + "item";

    /// <summary>Caps on what a requester may submit: fields per form, values per field, characters per value, characters in all.</summary>
    public const int MaxFields = 100;
    public const int MaxValuesPerField = 200;
    public const int MaxValueLength = 4096;
    public const int MaxTotalTextLength = 64 * 1024;

    public static string ToWire(FormFieldType type) => type switch
    {
        FormFieldType.TextSingle => "text-single",
        FormFieldType.TextMulti => "text-multi",
        FormFieldType.TextPrivate => "text-private",
        FormFieldType.Boolean => "boolean",
        FormFieldType.Fixed => "fixed",
        FormFieldType.Hidden => "hidden",
        FormFieldType.JidSingle => "jid-single",
        FormFieldType.JidMulti => "jid-multi",
        FormFieldType.ListSingle => "list-single",
        FormFieldType.ListMulti => "list-multi",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>XEP-0004 §3.3: a missing or unknown type is read as text-single.</summary>
    public static FormFieldType FieldTypeFromWire(string? type) => type switch
    {
        "text-multi" => FormFieldType.TextMulti,
        "text-private" => FormFieldType.TextPrivate,
        "boolean" => FormFieldType.Boolean,
        "fixed" => FormFieldType.Fixed,
        "hidden" => FormFieldType.Hidden,
        "jid-single" => FormFieldType.JidSingle,
        "jid-multi" => FormFieldType.JidMulti,
        "list-single" => FormFieldType.ListSingle,
        "list-multi" => FormFieldType.ListMulti,
        _ => FormFieldType.TextSingle,
    };

    public static string ToWire(DataFormType type) => type switch
    {
        DataFormType.Form => "form",
        DataFormType.Submit => "submit",
        DataFormType.Cancel => "cancel",
        DataFormType.Result => "result",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static DataFormType? FormTypeFromWire(string? type) => type switch
    {
        "form" => DataFormType.Form,
        "submit" => DataFormType.Submit,
        "cancel" => DataFormType.Cancel,
        "result" => DataFormType.Result,
        _ => null,
    };
}
