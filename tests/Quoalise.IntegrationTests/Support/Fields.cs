namespace Quoalise.IntegrationTests.Support;

/// <summary>Builds the field dictionary the slixmpp driver submits as a form.</summary>
internal static class Fields
{
    public static Dictionary<string, IReadOnlyList<string>> Of(params (string Var, string Value)[] fields) =>
        fields.GroupBy(f => f.Var).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(f => f.Value).ToList());
}
