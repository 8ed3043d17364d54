using System.Text.Json.Serialization;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Storage;

/// <summary>JSON columns (series meta, audit identifiers), source-generated: no reflection at run time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(QuoaliseMeta))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
