using Quoalise.Protocol.Quoalise;

namespace Quoalise.Protocol.Tests.Quoalise;

/// <summary>What the component emits in practice, one case per shape, for schema checks.</summary>
public static class RepresentativePayloads
{
    private static readonly DateTimeOffset Start = new(2024, 3, 31, 0, 0, 0, TimeSpan.Zero);

    private static readonly DeviceMeta Meter = new("electricity-meter", [new DeviceIdentifier("enedis", "prm", "30001610071843")]);

    public static IEnumerable<TestCaseData> All()
    {
        yield return Case("load curve, a year of 30-minute means", new QuoaliseData(
            new QuoaliseMeta(Meter, new MeasurementMeta("active-power", "consumption", "power", "electrical", "W", "mean", "PT30M") { Corrected = false }),
            Series("urn:dev:prm:30001610071843_consumption/power/active/raw", "W", 17_520, TimeSpan.FromMinutes(30))));

        yield return Case("daily energy in Wh", new QuoaliseData(
            new QuoaliseMeta(Meter, new MeasurementMeta("active-energy", "production", "energy", "electrical", "Wh", "sum", "P1D")),
            Series("urn:dev:prm:30001610071843_production/energy/active/daily", "Wh", 31, TimeSpan.FromDays(1))));

        yield return Case("index per tariff class, names under one base name", new QuoaliseData(
            new QuoaliseMeta(Meter, new MeasurementMeta("active-energy-index", "consumption", "energy", "electrical", "Wh")),
            [
                new("urn:dev:prm:30001610071843_consumption/energy/active/index", Start, "Wh", 1227032000),
                new("urn:dev:prm:30001610071843_consumption/energy/active/index/distributor/hph", Start, "Wh", 158636000),
                new("urn:dev:prm:30001610071843_consumption/energy/active/index/distributor/hch", Start, "Wh", 527659000),
            ]));

        yield return Case("charge point, every value kind and sub-second stamps", new QuoaliseData(
            new QuoaliseMeta(new DeviceMeta("charge-point", [new DeviceIdentifier("ocpp", "charge-box-id", "CP-0042")])),
            [
                new("urn:dev:ops:CP-0042_connector/1/power", Start.AddTicks(1_234_567), "W", 7360.5),
                new("urn:dev:ops:CP-0042_connector/1/energy", Start.AddTicks(1_234_567), "J", Sum: 3.6e7),
                new("urn:dev:ops:CP-0042_connector/1/status", Start.AddSeconds(1), StringValue: "Charging"),
                new("urn:dev:ops:CP-0042_connector/1/locked", Start.AddSeconds(1), BooleanValue: true),
                new("urn:dev:ops:CP-0042_firmware", Start.AddSeconds(2), DataValue: "aGkgCg", UpdateTime: 3600),
            ]));

        yield return Case("no records", new QuoaliseData(new QuoaliseMeta(Meter), []));

        yield return Case("several data, one empty meta", new QuoaliseData(QuoaliseMeta.Empty, Series("urn:dev:org:60060-elfe:45112", "Cel", 3, TimeSpan.FromMinutes(1))),
            new QuoaliseData(QuoaliseMeta.Empty, Series("urn:dev:org:60060-elfe:45113", "%RH", 3, TimeSpan.FromMinutes(1))));

        yield return Case("extended metadata", new QuoaliseData(
            new QuoaliseMeta(Meter, new MeasurementMeta("reactive-power", Unit: "var") { ExtraAttributes = new Dictionary<string, string> { ["graph"] = "reactive-power" } })
            {
                ExtraElements = [new MetaElement("urn:consometers:dataconnect:0", "data-connect") { Children = [new MetaElement("urn:consometers:dataconnect:0", "start") { Text = "2024-03-31" }] }],
            },
            Series("urn:dev:prm:30001610071843_consumption/power/inductive/raw", "var", 4, TimeSpan.FromMinutes(10))));
    }

    private static SenMLRecord[] Series(string name, string unit, int count, TimeSpan step) =>
        Enumerable.Range(0, count).Select(i => new SenMLRecord(name, Start + (step * i), unit, Math.Round(Math.Sin(i / 48.0) * 1000, 1))).ToArray();

    private static TestCaseData Case(string name, params QuoaliseData[] data) => new TestCaseData((object)data).SetArgDisplayNames(name);
}
