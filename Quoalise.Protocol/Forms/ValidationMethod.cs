namespace Quoalise.Protocol.Forms;

/// <summary>XEP-0122 §3 validation methods.</summary>
public enum ValidationMethod
{
    Basic,
    Open,
    Range,
    Regex,
}
