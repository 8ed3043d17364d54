namespace Quoalise.Adapters.Mqtt.Topics;

/// <summary>A routed topic: its kind and the raw text of its placeholders (validated later, as payloads are).</summary>
internal sealed record TopicMatch(TopicKind Kind, string? Greenhouse = null, string? Bed = null, string? Mac = null)
{
    public static TopicMatch Other { get; } = new(TopicKind.Other);
}
