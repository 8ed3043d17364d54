using System.Globalization;
using Microsoft.Extensions.Options;
using Quoalise.Component.Storage.Subscriptions;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Component.Series;

/// <summary>
/// <c>subscribe</c>, <c>unsubscribe</c> and <c>list_subscriptions</c>: standing requests for the new
/// points of a series, pushed as messages to the subscriber's bare JID. Subscriptions are stored, so
/// they survive restarts; subscribing twice is a success, as in sge-tiers-proxy. Thread-safe.
/// </summary>
internal sealed class SubscriptionCommands
{
    private readonly SeriesDirectory _directory;
    private readonly ISubscriptionStore _subscriptions;
    private readonly SubscriptionPublisher _publisher;
    private readonly SeriesOptions _options;

    public SubscriptionCommands(SeriesDirectory directory, ISubscriptionStore subscriptions, SubscriptionPublisher publisher, IOptions<SeriesOptions> options)
    {
        _directory = directory;
        _subscriptions = subscriptions;
        _publisher = publisher;
        _options = options.Value;
    }

    public AdHocCommand Subscribe => new()
    {
        Node = "subscribe",
        Name = "Subscribe to a series",
        Permission = Permission.Read,
        Stages = [IdentifierStage("Subscribe", "New points of the series will be sent to you as messages.")],
        Handler = SubscribeAsync,
    };

    public AdHocCommand Unsubscribe => new()
    {
        Node = "unsubscribe",
        Name = "Unsubscribe from a series",
        Permission = Permission.Read,
        Stages =
        [
            new CommandStage
            {
                Title = "Unsubscribe",
                Instructions = "End a subscription. An identifier ending with * ends every subscription starting with what comes before it.",
                BuildFields = async (context, cancellationToken) =>
                {
                    if (!context.Interactive)
                    {
                        return [FormField.TextSingle(SeriesDirectory.IdentifierVar, "Series", required: true)];
                    }

                    var held = await _subscriptions.ListBySubscriberAsync(context.Requester.Bare, cancellationToken).ConfigureAwait(false);
                    return
                    [
                        FormField.ListSingle(SeriesDirectory.IdentifierVar, "Series", [.. held.Select(s => new FormOption(s.SeriesIdentifier)), new FormOption("*", "All of them")], required: true)
                            with { Validation = new FieldValidation(Method: ValidationMethod.Open) },
                    ];
                },
            },
        ],
        Handler = UnsubscribeAsync,
    };

    public AdHocCommand List => new()
    {
        Node = "list_subscriptions",
        Name = "List my subscriptions",
        Permission = Permission.Read,
        ReturnsTable = true,
        Handler = ListAsync,
    };

    private CommandStage IdentifierStage(string title, string instructions) => new()
    {
        Title = title,
        Instructions = instructions,
        BuildFields = async (context, cancellationToken) => [await _directory.IdentifierFieldAsync(context, cancellationToken).ConfigureAwait(false)],
    };

    private async Task<CommandOutcome> SubscribeAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var identifier = request.Values.GetRequiredString(SeriesDirectory.IdentifierVar);
        var (_, error) = await _directory.ResolveAsync(request.Requester, identifier, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return CommandOutcome.Failure(error);
        }

        var held = await _subscriptions.ListBySubscriberAsync(request.Requester.Bare, cancellationToken).ConfigureAwait(false);
        if (held.Count >= _options.MaxSubscriptionsPerRequester && held.All(s => s.SeriesIdentifier != identifier))
        {
            return CommandOutcome.Failure(CommandErrorKind.LimitExceeded, $"You hold {held.Count} subscriptions, the most allowed; unsubscribe from some first.");
        }

        var added = await _subscriptions.AddAsync(request.Requester.Bare, identifier, cancellationToken).ConfigureAwait(false);
        _publisher.SubscriptionsChanged();
        return CommandOutcome.Success(
            $"Subscribe to {identifier}",
            [FormField.Fixed(SeriesDirectory.IdentifierVar, "Series", identifier)],
            [CommandNote.Info(added ? $"New points will be sent to {request.Requester.Bare}." : "You were already subscribed.")]);
    }

    private async Task<CommandOutcome> UnsubscribeAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var identifier = request.Values.GetRequiredString(SeriesDirectory.IdentifierVar);
        var subscriber = request.Requester.Bare;
        IReadOnlyList<string> targets = identifier.EndsWith('*')
            ? (await _subscriptions.ListBySubscriberAsync(subscriber, cancellationToken).ConfigureAwait(false))
                .Select(s => s.SeriesIdentifier)
                .Where(s => s.StartsWith(identifier[..^1], StringComparison.Ordinal))
                .ToList()
            : [identifier];
        var removed = 0;
        foreach (var target in targets)
        {
            if (await _subscriptions.RemoveAsync(subscriber, target, cancellationToken).ConfigureAwait(false))
            {
                removed++;
                _publisher.SubscriptionsChanged();
            }
        }

        return CommandOutcome.Success(
            $"Unsubscribe from {identifier}",
            [FormField.Fixed("removed", "Subscriptions ended", removed.ToString(CultureInfo.InvariantCulture))],
            removed == 0 ? [CommandNote.Warn($"You had no subscription matching {identifier}.")] : []);
    }

    private async Task<CommandOutcome> ListAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var held = await _subscriptions.ListBySubscriberAsync(request.Requester.Bare, cancellationToken).ConfigureAwait(false);
        return CommandOutcome.Success(
            "My subscriptions",
            [FormField.Fixed("count", "Subscriptions", held.Count.ToString(CultureInfo.InvariantCulture))],
            table: new ResultTable(
                "Subscriptions",
                [new ResultColumn(SeriesDirectory.IdentifierVar, "Series"), new ResultColumn("since", "Since")],
                held.Select(s => (IReadOnlyList<string>)[s.SeriesIdentifier, s.Created.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)]).ToList()));
    }
}
