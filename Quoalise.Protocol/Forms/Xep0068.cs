namespace Quoalise.Protocol.Forms;

/// <summary>XEP-0068 (Field Standardization for Data Forms).</summary>
public static class Xep0068
{
    /// <summary>The hidden field that names a form's namespace.</summary>
    public const string FormTypeVar = "FORM_TYPE";
}
