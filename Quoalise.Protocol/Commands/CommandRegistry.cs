using System.Collections.Frozen;
using Quoalise.Protocol.Disco;
using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Commands;

/// <summary>
/// The commands this component offers. Filled once at start-up, then frozen: a duplicate node, an
/// empty name or a missing permission fails start-up. Answers disco for the command list (only what
/// the requester may run, XEP-0050 §2.2) and for each command node. Thread-safe once frozen.
/// </summary>
public sealed class CommandRegistry : IDiscoNodeProvider
{
    /// <summary>Gajim shows the command list under this name when browsing the node.</summary>
    private const string ListName = "Commands";

    private readonly Dictionary<string, AdHocCommand> _pending = new(StringComparer.Ordinal);
    private readonly ICommandAccessPolicy _access;
    private FrozenDictionary<string, AdHocCommand>? _commands;
    private IReadOnlyList<AdHocCommand> _ordered = [];

    public CommandRegistry(Jid domain, ICommandAccessPolicy access)
    {
        Domain = domain.Bare;
        _access = access;
    }

    public Jid Domain { get; }

    public bool IsFrozen => _commands is not null;

    /// <exception cref="InvalidOperationException">The registry is frozen, the node is taken, or the command is incomplete.</exception>
    public void Add(AdHocCommand command)
    {
        if (IsFrozen)
        {
            throw new InvalidOperationException($"Command '{command.Node}' was added after start-up; commands are registered once, by adapters.");
        }

        if (string.IsNullOrWhiteSpace(command.Node) || command.Node.Any(char.IsWhiteSpace))
        {
            throw new InvalidOperationException($"Command node '{command.Node}' must be non-empty and without spaces.");
        }

        if (string.IsNullOrWhiteSpace(command.Name))
        {
            throw new InvalidOperationException($"Command '{command.Node}' needs a name: Gajim rejects a command list with a nameless item.");
        }

        if (!Enum.IsDefined(command.Permission))
        {
            throw new InvalidOperationException($"Command '{command.Node}' must declare the permission it requires.");
        }

        if (!_pending.TryAdd(command.Node, command))
        {
            throw new InvalidOperationException($"Two commands use the node '{command.Node}'.");
        }
    }

    /// <summary>Ends registration. Commands are listed in the order they were added.</summary>
    public void Freeze()
    {
        _ordered = _pending.Values.ToList();
        _commands = _pending.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public AdHocCommand? Find(string node) => Commands.GetValueOrDefault(node);

    public bool MayRun(Jid requester, AdHocCommand command) => _access.Allows(requester.Bare, command.Permission);

    /// <summary>The commands <paramref name="requester"/> may run, in registration order.</summary>
    public IReadOnlyList<AdHocCommand> VisibleTo(Jid requester) => EnsureFrozen().Where(c => MayRun(requester, c)).ToList();

    public DiscoLookup<DiscoInfo>? GetInfo(string node, Jid requester)
    {
        if (node == Xep0050.Namespace)
        {
            return DiscoLookup<DiscoInfo>.Found(new DiscoInfo([new DiscoIdentity(Xep0050.IdentityCategory, Xep0050.CommandListType, ListName)], []));
        }

        if (Find(node) is not { } command)
        {
            return null;
        }

        // XEP-0050 §2.2: info on a node the requester may not execute is forbidden.
        return MayRun(requester, command)
            ? DiscoLookup<DiscoInfo>.Found(new DiscoInfo(
                [new DiscoIdentity(Xep0050.IdentityCategory, Xep0050.CommandNodeType, command.Name)],
                [Xep0050.Namespace, Xep0004.Namespace]))
            : DiscoLookup<DiscoInfo>.Refused(StanzaErrors.Forbidden($"You may not run '{command.Node}'."));
    }

    public DiscoLookup<IReadOnlyList<DiscoItem>>? GetItems(string node, Jid requester)
    {
        if (node == Xep0050.Namespace)
        {
            return DiscoLookup<IReadOnlyList<DiscoItem>>.Found(VisibleTo(requester).Select(c => new DiscoItem(Domain, c.Node, c.Name)).ToList());
        }

        return Find(node) is null ? null : DiscoLookup<IReadOnlyList<DiscoItem>>.Found([]);
    }

    private FrozenDictionary<string, AdHocCommand> Commands =>
        _commands ?? throw new InvalidOperationException("The command registry is used before start-up froze it.");

    private IReadOnlyList<AdHocCommand> EnsureFrozen()
    {
        _ = Commands;
        return _ordered;
    }
}
