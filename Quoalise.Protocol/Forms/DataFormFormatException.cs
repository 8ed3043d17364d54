namespace Quoalise.Protocol.Forms;

/// <summary>A submitted form is not XEP-0004, or exceeds our size caps. Answered with bad-request.</summary>
public sealed class DataFormFormatException : FormatException
{
    public DataFormFormatException(string message)
        : base(message)
    {
    }
}
