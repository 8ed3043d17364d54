namespace Quoalise.Protocol.Forms;

/// <summary>XEP-0122 (Data Forms Validation) names.</summary>
public static class Xep0122
{
    public const string Namespace = "http://jabber.org/protocol/xdata-validate";

    public const string String = "xs:string";
    public const string Boolean = "xs:boolean";
    public const string Date = "xs:date";
    public const string DateTime = "xs:dateTime";
    public const string Integer = "xs:integer";
    public const string Int = "xs:int";
    public const string Long = "xs:long";
    public const string Decimal = "xs:decimal";
    public const string Double = "xs:double";
    public const string AnyUri = "xs:anyURI";
}
