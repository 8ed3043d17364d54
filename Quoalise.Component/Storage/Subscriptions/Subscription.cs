using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Storage.Subscriptions;

/// <summary>A bare JID's standing request for the new points of one series. Immutable.</summary>
internal sealed record Subscription(Jid Subscriber, string SeriesIdentifier, DateTimeOffset Created);
