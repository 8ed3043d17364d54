using Quoalise.Adapters.Access;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Adapters.Mqtt.Commands;

/// <summary>
/// <c>get_beds</c>: the registered beds with their series, limited to beds of which the requester may read at least
/// one series (IAccessPolicy.MayRead). Permission.Read.
/// </summary>
internal static class GetBedsCommand
{
    public const string Node = "get_beds";

    public static AdHocCommand Create(IBedStore store, BedDirectory beds, IAccessPolicy access) => new()
    {
        Node = Node,
        Name = "List greenhouse beds",
        Permission = Permission.Read,
        ReturnsTable = true,
        Handler = async (request, cancellationToken) =>
        {
            var requester = request.Requester.Bare;
            var rows = new List<IReadOnlyList<string>>();
            foreach (var bed in await store.ListAsync(cancellationToken))
            {
                var readable = beds.SeriesOf(bed).Select(s => s.Identifier).Where(id => access.MayRead(requester, id)).ToList();
                if (readable.Count > 0)
                {
                    rows.Add([CommandText.Number(bed.Greenhouse), CommandText.Number(bed.BedNumber), bed.Label ?? string.Empty, CommandText.Time(bed.RegisteredAt), bed.RegisteredBy, string.Join(" ", readable)]);
                }
            }

            return CommandOutcome.Success(
                "Greenhouse beds",
                [FormField.Fixed("count", "Beds", CommandText.Number(rows.Count))],
                table: new ResultTable(
                    "Beds",
                    [new("greenhouse", "Greenhouse"), new("bed", "Bed"), new("label", "Label"), new("registered", "Registered (UTC)"), new("registered_by", "By"), new("series", "Series")],
                    rows));
        },
    };
}
