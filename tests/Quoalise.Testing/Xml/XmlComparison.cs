using System.Xml.Linq;
using Quoalise.Protocol.Xml;

namespace Quoalise.Testing.Xml;

/// <summary>
/// Compares an actual element with an expected one written as XML text, the way a protocol transcript
/// reads: qualified names must match, attributes as a set (order and prefixes ignored), child elements
/// in order, text when the expected element has no children. <c>{any}</c> in an expected attribute or
/// text matches any value; an expected element <c>&lt;any xmlns='urn:test'/&gt;</c> stands for any number of
/// remaining children. Stateless and thread-safe.
/// </summary>
public static class XmlComparison
{
    public const string Any = "{any}";

    private static readonly XName AnyChildren = XName.Get("any", "urn:test");

    /// <summary>Null when <paramref name="actual"/> matches; otherwise where and how it differs.</summary>
    public static string? Diff(XElement actual, string expectedXml) => Diff(actual, SafeXml.Parse(expectedXml), "/");

    private static string? Diff(XElement actual, XElement expected, string path)
    {
        path += expected.Name.LocalName;
        if (actual.Name != expected.Name)
        {
            return $"{path}: expected {expected.Name} but found {actual.Name}\nactual: {actual}";
        }

        var actualAttributes = Attributes(actual);
        var expectedAttributes = Attributes(expected);
        foreach (var (name, value) in expectedAttributes)
        {
            if (!actualAttributes.TryGetValue(name, out var found))
            {
                return $"{path}: attribute {name} missing\nactual: {actual}";
            }

            if (value != Any && value != found)
            {
                return $"{path}: attribute {name} is '{found}', expected '{value}'\nactual: {actual}";
            }
        }

        var extra = actualAttributes.Keys.Except(expectedAttributes.Keys).ToList();
        if (extra.Count > 0)
        {
            return $"{path}: unexpected attribute(s) {string.Join(", ", extra)}\nactual: {actual}";
        }

        var expectedChildren = expected.Elements().ToList();
        var actualChildren = actual.Elements().ToList();
        if (expectedChildren.Count == 0)
        {
            if (actualChildren.Count > 0)
            {
                return $"{path}: expected no child elements, found <{actualChildren[0].Name.LocalName}>\nactual: {actual}";
            }

            var text = expected.Value.Trim();
            return text == Any || text == actual.Value.Trim() ? null : $"{path}: text is '{actual.Value.Trim()}', expected '{text}'";
        }

        for (var i = 0; i < expectedChildren.Count; i++)
        {
            if (expectedChildren[i].Name == AnyChildren)
            {
                return null;
            }

            if (i >= actualChildren.Count)
            {
                return $"{path}: missing child <{expectedChildren[i].Name.LocalName}> at position {i + 1}\nactual: {actual}";
            }

            var diff = Diff(actualChildren[i], expectedChildren[i], path + "/");
            if (diff is not null)
            {
                return diff;
            }
        }

        return actualChildren.Count > expectedChildren.Count
            ? $"{path}: unexpected child <{actualChildren[expectedChildren.Count].Name.LocalName}>\nactual: {actual}"
            : null;
    }

    private static Dictionary<XName, string> Attributes(XElement element) =>
        element.Attributes().Where(a => !a.IsNamespaceDeclaration).ToDictionary(a => a.Name, a => a.Value);
}
