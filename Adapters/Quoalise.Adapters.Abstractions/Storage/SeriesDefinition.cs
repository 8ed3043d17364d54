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
}
