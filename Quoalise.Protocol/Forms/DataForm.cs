namespace Quoalise.Protocol.Forms;

/// <summary>
/// An XEP-0004 data form. A result may instead carry a table (<see cref="Reported"/> and
/// <see cref="Items"/>), which XEP-0004 §3.4 forbids to mix with top-level fields. Immutable.
/// </summary>
public sealed record DataForm
{
    public DataFormType Type { get; init; } = DataFormType.Form;

    /// <summary>Always set on forms we emit: Gajim's table view fails without one.</summary>
    public string? Title { get; init; }

    public IReadOnlyList<string> Instructions { get; init; } = [];

    public IReadOnlyList<FormField> Fields { get; init; } = [];

    /// <summary>Column definitions of a table result; null when the form has none.</summary>
    public IReadOnlyList<FormField>? Reported { get; init; }

    /// <summary>Rows of a table result, each listing the <see cref="Reported"/> fields in order.</summary>
    public IReadOnlyList<IReadOnlyList<FormField>> Items { get; init; } = [];

    /// <summary>
    /// The XEP-0068 FORM_TYPE, or null. In a form or a result only a hidden field counts; a submission may
    /// carry it with any type (XEP-0068 §4).
    /// </summary>
    public string? FormType =>
        Fields.FirstOrDefault(f => f.Var == Xep0068.FormTypeVar && (f.Type == FormFieldType.Hidden || Type == DataFormType.Submit))?.Value;

    public FormField? Field(string var) => Fields.FirstOrDefault(f => f.Var == var);
}
