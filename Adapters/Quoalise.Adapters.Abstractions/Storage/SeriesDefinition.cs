using Quoalise.Protocol.Quoalise;

namespace Quoalise.Adapters.Storage;

/// <summary>
/// A series in the catalogue: its identifier (the SenML name of its records, in URN style), the
/// adapter that owns it, and the meta every <c>&lt;data&gt;</c> about it carries. Immutable.
/// </summary>
/// <param name="Identifier">e.g. <c>urn:dev:quoalise:greenhouse:1:bed:2_humiditeSol</c>; at most 255 characters.</param>
/// <param name="Adapter">Owner, the adapter's <see cref="IQuoaliseAdapter.Name"/>.</param>
/// <param name="Meta">Device and measurement description.</param>
/// <param name="Description">One line a person reads in listings.</param>
public sealed record SeriesDefinition(string Identifier, string Adapter, QuoaliseMeta Meta, string? Description = null)
{
    public const int MaxIdentifierLength = 255;

    /// <summary>Throws <see cref="ArgumentException"/> for a series no catalogue can hold.</summary>
    public static void Validate(SeriesDefinition series)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentException.ThrowIfNullOrEmpty(series.Identifier, nameof(series));
        ArgumentException.ThrowIfNullOrEmpty(series.Adapter, nameof(series));
        if (series.Identifier.Length > MaxIdentifierLength)
        {
            throw new ArgumentException($"Series identifiers have at most {MaxIdentifierLength} characters.", nameof(series));
        }
    }
}
