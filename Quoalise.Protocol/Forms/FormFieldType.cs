namespace Quoalise.Protocol.Forms;

/// <summary>The ten field types of XEP-0004 §3.3. Gajim cannot render any other type.</summary>
public enum FormFieldType
{
    TextSingle,
    TextMulti,
    TextPrivate,
    Boolean,
    Fixed,
    Hidden,
    JidSingle,
    JidMulti,
    ListSingle,
    ListMulti,
}
