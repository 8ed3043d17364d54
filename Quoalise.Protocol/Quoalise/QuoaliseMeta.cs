namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// The <c>&lt;meta&gt;</c> of a Quoalise data element: the device that measured and what was measured.
/// Written in the flattened second-generation vocabulary; the reader also accepts the nested first
/// generation (see docs/architecture.md, "Quoalise payload"). Immutable.
/// </summary>
public sealed record QuoaliseMeta(DeviceMeta? Device = null, MeasurementMeta? Measurement = null)
{
    /// <summary>An empty <c>&lt;meta/&gt;</c>, still always written: the Python client requires the element.</summary>
    public static QuoaliseMeta Empty { get; } = new();
}

/// <summary><c>&lt;device type="…"&gt;&lt;identifier authority="…" type="…" value="…"/&gt;&lt;/device&gt;</c>.</summary>
public sealed record DeviceMeta(string Type, IReadOnlyList<DeviceIdentifier> Identifiers);

/// <summary>One identifier of a device, e.g. authority <c>enedis</c>, type <c>prm</c>.</summary>
public sealed record DeviceIdentifier(string Authority, string Type, string Value);

/// <summary>
/// <c>&lt;measurement name direction quantity type unit aggregation sampling-interval/&gt;</c>; every
/// attribute is optional. <see cref="SamplingInterval"/> is an ISO 8601 duration such as <c>PT30M</c>.
/// </summary>
public sealed record MeasurementMeta(
    string? Name = null,
    string? Direction = null,
    string? Quantity = null,
    string? Type = null,
    string? Unit = null,
    string? Aggregation = null,
    string? SamplingInterval = null);
