using System.Collections.ObjectModel;

namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// What a metadata element carries beyond the known vocabulary, kept so that a payload read and written
/// again loses nothing: there is no reference list of Quoalise metadata, and the Python library keeps
/// whatever it finds. Immutable. Record equality compares these two collections by reference, as it
/// does every list of the model; compare structurally when that matters.
/// </summary>
public abstract record ExtensibleMeta
{
    /// <summary>
    /// Unknown attributes by name: the local name when unqualified, <c>{namespace}local</c> otherwise.
    /// First-generation attributes without a second-generation home (<c>business graph</c>) land here.
    /// </summary>
    public IReadOnlyDictionary<string, string> ExtraAttributes { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Unknown child elements, in document order, written after the known ones.</summary>
    public IReadOnlyList<MetaElement> ExtraElements { get; init; } = [];
}
