namespace Quoalise.Protocol.Forms;

/// <summary>XEP-0004 §3.1 form types.</summary>
public enum DataFormType
{
    Form,
    Submit,
    Cancel,
    Result,
}
