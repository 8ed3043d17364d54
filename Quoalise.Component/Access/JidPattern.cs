using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Access;

/// <summary>
/// A subject in a grant: an exact bare JID, every account of a domain (<c>*@domain</c>), a domain
/// itself, or anyone (<c>*</c>). Immutable.
/// </summary>
public sealed class JidPattern
{
    private readonly string? _local;
    private readonly string? _domain;
    private readonly bool _anyLocal;

    private JidPattern(string? local, string? domain, bool anyLocal)
    {
        _local = local;
        _domain = domain;
        _anyLocal = anyLocal;
    }

    public static bool TryParse(string text, out JidPattern pattern)
    {
        pattern = new JidPattern(null, null, anyLocal: true);
        if (text == "*")
        {
            return true;
        }

        var anyLocal = text.StartsWith("*@", StringComparison.Ordinal);
        if (!Jid.TryParse(anyLocal ? text[2..] : text, out var jid) || jid.Resource is not null || (anyLocal && jid.Local is not null))
        {
            return false;
        }

        pattern = new JidPattern(jid.Local, jid.Domain, anyLocal);
        return true;
    }

    public bool Matches(Jid bare) =>
        _domain is null
        || (bare.Domain == _domain && (_anyLocal ? bare.Local is not null : bare.Local == _local));
}
