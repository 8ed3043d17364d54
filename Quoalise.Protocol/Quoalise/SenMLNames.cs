using System.Xml.Linq;

namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// RFC 8428 (SenML) literals: the XML namespace and element names, the field labels (which are both the
/// JSON member names and the XML attribute names), and the numeric limits the codecs apply.
/// Constants only; thread-safe.
/// </summary>
public static class SenMLNames
{
    /// <summary>RFC 8428 §12.4.</summary>
    public const string Namespace = "urn:ietf:params:xml:ns:senml";

    /// <summary>The root of a SenML XML pack (RFC 8428 §7).</summary>
    public static readonly XName SensML = XName.Get("sensml", Namespace);

    /// <summary>One record of a SenML XML pack.</summary>
    public static readonly XName SenML = XName.Get("senml", Namespace);

    // RFC 8428 §4.3, Table 1.
    public const string BaseName = "bn";
    public const string BaseTime = "bt";
    public const string BaseUnit = "bu";
    public const string BaseValue = "bv";
    public const string BaseSum = "bs";
    public const string BaseVersion = "bver";
    public const string Name = "n";
    public const string Unit = "u";
    public const string Value = "v";
    public const string StringValue = "vs";
    public const string BooleanValue = "vb";
    public const string DataValue = "vd";
    public const string Sum = "s";
    public const string Time = "t";
    public const string UpdateTime = "ut";

    /// <summary>RFC 8428 §4.4: a label ending with this character must be understood, or the pack rejected.</summary>
    public const char MandatorySuffix = '_';

    /// <summary>The SenML version this library implements; RFC 8428 §4.1 makes it the default.</summary>
    public const int SupportedVersion = 10;

    /// <summary>RFC 8428 §4.5.3: resolved times below 2**28 seconds are relative to "now".</summary>
    public const long RelativeTimeLimitSeconds = 1L << 28;
}
