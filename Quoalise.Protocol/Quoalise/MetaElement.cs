using System.Collections.ObjectModel;

namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// An element of metadata this library has no model for, kept as a tree without System.Xml types so that
/// adapters can read it. Mixed content keeps its text joined, not its position. Immutable.
/// </summary>
/// <param name="Namespace">Namespace URI; empty for none.</param>
/// <param name="Name">Local name.</param>
public sealed record MetaElement(string Namespace, string Name)
{
    /// <summary>Attributes by name: the local name when unqualified, <c>{namespace}local</c> otherwise.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    public IReadOnlyList<MetaElement> Children { get; init; } = [];

    /// <summary>Non-whitespace text content; null when there is none.</summary>
    public string? Text { get; init; }
}
