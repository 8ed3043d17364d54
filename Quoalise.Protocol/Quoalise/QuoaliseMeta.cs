namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// The <c>&lt;meta&gt;</c> of a Quoalise data element: the device that measured and what was measured.
/// Written in the flattened second-generation vocabulary; the reader also accepts the nested first
/// generation (see docs/architecture.md, "Quoalise payload"). Anything else found in <c>&lt;meta&gt;</c>
/// is kept in <see cref="ExtensibleMeta.ExtraElements"/> and written back. Immutable.
/// </summary>
public sealed record QuoaliseMeta(DeviceMeta? Device = null, MeasurementMeta? Measurement = null) : ExtensibleMeta
{
    /// <summary>An empty <c>&lt;meta/&gt;</c>, still always written: the Python client requires the element.</summary>
    public static QuoaliseMeta Empty { get; } = new();
}
