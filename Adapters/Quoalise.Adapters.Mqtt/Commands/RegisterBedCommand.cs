using Microsoft.Extensions.Logging;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Adapters.Mqtt.Commands;

/// <summary>
/// <c>register_bed</c>: lets readings of <c>serre/&lt;greenhouse&gt;/bac/&lt;bed&gt;</c> in (they are BAC_NOT_FOUND
/// before) and registers its series. Idempotent: an existing bed is reported, not changed. Permission.Admin.
/// </summary>
internal static class RegisterBedCommand
{
    public const string Node = "register_bed";

    public static AdHocCommand Create(BedDirectory beds, TimeProvider time, ILogger logger) => new()
    {
        Node = Node,
        Name = "Register a greenhouse bed",
        Permission = Permission.Admin,
        Stages =
        [
            CommandStage.Fixed("Register a greenhouse bed",
            [
                FormField.Integer("greenhouse", "Greenhouse number (serre/<n>)", required: true, min: 0, max: int.MaxValue),
                FormField.Integer("bed", "Bed number (bac/<n>)", required: true, min: 0, max: int.MaxValue),
                FormField.TextSingle("label", "Label (optional)", description: "Shown in get_beds, at most 255 characters"),
            ]),
        ],
        Handler = async (request, cancellationToken) =>
        {
            var greenhouse = (int)request.Values.GetInteger("greenhouse")!.Value;
            var bedNumber = (int)request.Values.GetInteger("bed")!.Value;
            var label = request.Values.GetString("label")?.Trim();
            if (label is { Length: > 255 })
            {
                return CommandOutcome.InvalidField("label", $"The label has {label.Length} characters; at most 255.");
            }

            var bed = new Bed(greenhouse, bedNumber, string.IsNullOrEmpty(label) ? null : label, time.GetUtcNow(), request.Requester.Bare.ToString());
            var added = await beds.RegisterAsync(bed, cancellationToken);
            if (added)
            {
                MqttLog.BedRegistered(logger, bed.RegisteredBy, greenhouse, bedNumber);
            }

            return CommandOutcome.Success(
                "Greenhouse bed",
                [
                    FormField.Fixed("bed", "Bed", $"Greenhouse {greenhouse}, bed {bedNumber}: " + (added ? "registered" : "already registered, left unchanged")),
                    FormField.TextMulti("series", "Series", [.. beds.SeriesOf(bed).Select(s => s.Identifier)]),
                ]);
        },
    };
}
