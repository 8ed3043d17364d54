namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary>A controller as last known. Immutable.</summary>
/// <param name="Mac">Upper-case <c>XX:XX:XX:XX:XX:XX</c>.</param>
/// <param name="Ip">Last announced address; null when only its Last Will was ever seen.</param>
/// <param name="LastSeen">Its last own message (announcement); null when none.</param>
/// <param name="Changed">When <paramref name="Online"/> was last set (announcement or Last Will).</param>
internal sealed record Controller(string Mac, string? Ip, bool Online, DateTimeOffset? LastSeen, DateTimeOffset Changed);
