namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// A <c>urn:quoalise:0</c> element that cannot be read: wrong root, a <c>&lt;data&gt;</c> without
/// <c>&lt;meta&gt;</c>, a duplicated element, a missing required attribute. The message says which
/// <c>&lt;data&gt;</c> (0-based, like SenML record indexes) and what is wrong. A SenML problem inside a
/// <c>&lt;data&gt;</c> is the <see cref="Exception.InnerException"/>, a <see cref="SenMLFormatException"/>.
/// </summary>
public sealed class QuoaliseFormatException : FormatException
{
    public QuoaliseFormatException()
    {
    }

    public QuoaliseFormatException(string message)
        : base(message)
    {
    }

    public QuoaliseFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
