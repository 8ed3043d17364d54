namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>One row of the error table: what went wrong, where, when, with a bounded excerpt of the payload. Immutable.</summary>
/// <param name="Type">One of <see cref="IngestErrorType"/>.</param>
/// <param name="Topic">The topic, or the client id for connection events.</param>
/// <param name="PayloadExcerpt">At most <see cref="MaxExcerptChars"/> characters; bytes that are not UTF-8 as \xNN.</param>
/// <param name="Detail">A sentence naming the key, value or rule.</param>
/// <param name="Time">When it happened.</param>
internal sealed record IngestError(string Type, string Topic, string PayloadExcerpt, string Detail, DateTimeOffset Time)
{
    public const int MaxExcerptChars = 256;
    public const int MaxTopicChars = 256;
    public const int MaxDetailChars = 512;

    public static IngestError Create(string type, string topic, ReadOnlySpan<byte> payload, string detail, DateTimeOffset time) =>
        new(type, Shorten(topic, MaxTopicChars), PayloadText.Excerpt(payload, MaxExcerptChars), Shorten(detail, MaxDetailChars), time);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
