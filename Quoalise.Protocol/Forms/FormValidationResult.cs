namespace Quoalise.Protocol.Forms;

/// <summary>The outcome of <see cref="FormValidator.Validate"/>: typed values, or one error per wrong field.</summary>
public sealed class FormValidationResult
{
    private FormValidationResult(FormValues? values, IReadOnlyList<FormFieldError> errors)
    {
        Values = values;
        Errors = errors;
    }

    /// <summary>Accepted values; null when <see cref="IsValid"/> is false.</summary>
    public FormValues? Values { get; }

    public IReadOnlyList<FormFieldError> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    public static FormValidationResult Valid(FormValues values) => new(values, []);

    public static FormValidationResult Invalid(IReadOnlyList<FormFieldError> errors) => new(null, errors);
}
