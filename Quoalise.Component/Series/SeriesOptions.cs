namespace Quoalise.Component.Series;

/// <summary>The <c>Series</c> configuration section: history paging and live pushes.</summary>
public sealed class SeriesOptions
{
    public const string Section = "Series";

    /// <summary>Most points in one get_history answer; longer ranges are paged (see docs/commands.md).</summary>
    public int MaxPointsPerResponse { get; set; } = 5000;

    /// <summary>
    /// Most characters of SenML in one answer. The whole stanza must stay under the 256 KiB we ever
    /// send (Prosody drops the link above 512 KiB); this leaves room for the form.
    /// </summary>
    public int MaxPayloadCharacters { get; set; } = 200 * 1024;

    /// <summary>The range get_history covers when start_time is left out.</summary>
    public TimeSpan DefaultHistoryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Most records in one pushed message (the existing Quoalise publisher sends 1,000).</summary>
    public int PushMaxRecords { get; set; } = 1000;

    /// <summary>Pushed messages per subscriber per second; more wait and are merged into fewer messages.</summary>
    public double PushMessagesPerSecond { get; set; } = 10;

    /// <summary>Committed points waiting to be pushed; past it the oldest are not pushed (history keeps them).</summary>
    public int PushBacklogPoints { get; set; } = 100_000;

    /// <summary>Subscriptions one requester may hold.</summary>
    public int MaxSubscriptionsPerRequester { get; set; } = 1000;

    /// <summary>Series offered as choices in Gajim's forms and rows in list_series; past it a prefix narrows the list.</summary>
    public int MaxListedSeries { get; set; } = 500;
}
