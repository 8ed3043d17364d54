using System.Globalization;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Forms;

/// <summary>
/// The values of a submitted form after <see cref="FormValidator"/> accepted them, by field name.
/// Fields the form did not define are not here. Typed getters parse the lexical forms that validation
/// already checked. Immutable.
/// </summary>
public sealed class FormValues
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _values;

    public FormValues(IReadOnlyDictionary<string, IReadOnlyList<string>> values) => _values = values;

    public static FormValues Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    public IEnumerable<string> Names => _values.Keys;

    /// <summary>Combines the values of several forms (the stages of one command), later ones winning.</summary>
    public static FormValues Merge(IEnumerable<FormValues> forms)
    {
        var merged = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var form in forms)
        {
            foreach (var (name, values) in form._values)
            {
                merged[name] = values;
            }
        }

        return new FormValues(merged);
    }

    public bool Has(string var) => _values.TryGetValue(var, out var v) && v.Count > 0;

    public IReadOnlyList<string> GetAll(string var) => _values.TryGetValue(var, out var v) ? v : [];

    /// <summary>The single value (text-multi lines are joined with '\n'), or null when absent or empty.</summary>
    public string? GetString(string var)
    {
        var values = GetAll(var);
        return values.Count switch
        {
            0 => null,
            1 => values[0].Length == 0 ? null : values[0],
            _ => string.Join('\n', values),
        };
    }

    public string GetRequiredString(string var) =>
        GetString(var) ?? throw new KeyNotFoundException($"Field '{var}' has no value; declare it required.");

    /// <summary>XEP-0004 §3.3: an absent boolean is false; '1' and 'true' are true.</summary>
    public bool GetBoolean(string var) => GetString(var) is "1" or "true";

    public DateTimeOffset? GetDateTime(string var) =>
        GetString(var) is { } s ? FormLexical.ParseDateTime(s) : null;

    public DateOnly? GetDate(string var) =>
        GetString(var) is { } s ? DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    public long? GetInteger(string var) =>
        GetString(var) is { } s ? long.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;

    public decimal? GetDecimal(string var) =>
        GetString(var) is { } s ? decimal.Parse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : null;

    public Jid? GetJid(string var) => GetString(var) is { } s ? Jid.Parse(s) : null;

    public IReadOnlyList<Jid> GetJids(string var) => GetAll(var).Select(Jid.Parse).Distinct().ToList();
}
