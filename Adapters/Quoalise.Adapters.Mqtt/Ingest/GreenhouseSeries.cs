using System.Globalization;
using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>
/// Series identifiers and meta of the greenhouse sensors. One series per (greenhouse, bed, sensor):
/// <c>urn:dev:quoalise:greenhouse:&lt;greenhouse&gt;:bed:&lt;bed&gt;_&lt;sensor key&gt;</c>, an RFC 9039 style
/// device URN with the measurement after <c>_</c>, as the Quoalise proxies name theirs. Stable: it depends
/// only on the two numbers of the topic and the sensor's JSON key. Stateless and thread-safe.
/// </summary>
internal static class GreenhouseSeries
{
    public const string Prefix = "urn:dev:quoalise:greenhouse:";
    public const string DeviceType = "greenhouse-bed";
    public const string Authority = "quoalise";

    public static string Identifier(int greenhouse, int bed, Sensor sensor) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{greenhouse}:bed:{bed}_{sensor.Key}");

    public static SeriesDefinition Definition(string adapter, int greenhouse, int bed, Sensor sensor) => new(
        Identifier(greenhouse, bed, sensor),
        adapter,
        new QuoaliseMeta(
            new DeviceMeta(DeviceType,
            [
                new DeviceIdentifier(Authority, "greenhouse", greenhouse.ToString(CultureInfo.InvariantCulture)),
                new DeviceIdentifier(Authority, "bed", bed.ToString(CultureInfo.InvariantCulture)),
            ]),
            new MeasurementMeta(Name: sensor.Key, Quantity: sensor.Quantity, Type: "environmental", Unit: sensor.Unit)),
        string.Create(CultureInfo.InvariantCulture, $"Greenhouse {greenhouse}, bed {bed}: {sensor.Key} (sensor {sensor.Id}) in {sensor.Unit}, {sensor.Min} to {sensor.Max}"));
}
