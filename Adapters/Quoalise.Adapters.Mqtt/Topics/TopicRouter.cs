using Quoalise.Adapters.Mqtt.Options;

namespace Quoalise.Adapters.Mqtt.Topics;

/// <summary>Routes a topic to readings, controller or Last Will using the configured templates. Immutable, thread-safe.</summary>
internal sealed class TopicRouter
{
    public const string GreenhousePlaceholder = "greenhouse";
    public const string BedPlaceholder = "bed";
    public const string MacPlaceholder = "mac";

    public TopicRouter(TopicOptions options)
    {
        Readings = TopicTemplate.Parse(options.Readings, GreenhousePlaceholder, BedPlaceholder);
        Controller = TopicTemplate.Parse(options.Controller, MacPlaceholder);
        ControllerWill = TopicTemplate.Parse(options.ControllerWill, MacPlaceholder);
    }

    public TopicTemplate Readings { get; }

    public TopicTemplate Controller { get; }

    public TopicTemplate ControllerWill { get; }

    /// <summary>The three subscription filters, optionally as a shared subscription of <paramref name="sharedGroup"/>.</summary>
    public IReadOnlyList<string> Filters(string? sharedGroup) =>
        [.. new[] { Readings, Controller, ControllerWill }.Select(t => sharedGroup is null ? t.Filter : $"$share/{sharedGroup}/{t.Filter}")];

    public TopicMatch Route(string topic)
    {
        // The Last Will first: with custom templates it may also match the controller template's shape.
        if (ControllerWill.TryMatch(topic, out var values))
        {
            return new TopicMatch(TopicKind.ControllerWill, Mac: values[MacPlaceholder]);
        }

        if (Controller.TryMatch(topic, out values))
        {
            return new TopicMatch(TopicKind.Controller, Mac: values[MacPlaceholder]);
        }

        if (Readings.TryMatch(topic, out values))
        {
            return new TopicMatch(TopicKind.Readings, Greenhouse: values[GreenhousePlaceholder], Bed: values[BedPlaceholder]);
        }

        return TopicMatch.Other;
    }
}
