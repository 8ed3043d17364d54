namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary>A registered bed: the two numbers of its topic, a label, who registered it and when. Immutable.</summary>
/// <param name="RegisteredBy">The operator's bare JID, or <c>auto</c> for auto-registration.</param>
internal sealed record Bed(int Greenhouse, int BedNumber, string? Label, DateTimeOffset RegisteredAt, string RegisteredBy)
{
    public const string AutoRegistered = "auto";
}
