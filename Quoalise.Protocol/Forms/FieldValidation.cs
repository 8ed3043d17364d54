namespace Quoalise.Protocol.Forms;

/// <summary>
/// XEP-0122 validation of one field: a datatype (<c>xs:string</c> by default) and at most one method.
/// Gajim ignores XEP-0122, so the component enforces it server-side and repeats the format in the label.
/// </summary>
/// <param name="Datatype">An <c>xs:</c> datatype from <see cref="Xep0122"/>.</param>
/// <param name="Method">Basic (the default), Open (a list accepts values outside its options), Range or Regex.</param>
/// <param name="Min">Lower bound for <see cref="ValidationMethod.Range"/>, in the datatype's lexical form.</param>
/// <param name="Max">Upper bound for <see cref="ValidationMethod.Range"/>.</param>
/// <param name="Pattern">The expression for <see cref="ValidationMethod.Regex"/>.</param>
public sealed record FieldValidation(
    string Datatype = Xep0122.String,
    ValidationMethod Method = ValidationMethod.Basic,
    string? Min = null,
    string? Max = null,
    string? Pattern = null);
