using Quoalise.Adapters.Ocpp.Connections;
using Quoalise.Adapters.Ocpp.Metering;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Ocpp.Tests.Metering;

public class SeriesNamesTests
{
    [Test]
    public void Connector_and_transaction_series_follow_the_documented_pattern()
    {
        SeriesNames.Connector("CP-001", 1, "energy").Should().Be("urn:dev:ocpp:CP-001:1_energy");
        SeriesNames.Transaction("CP-001", 42, "power").Should().Be("urn:dev:ocpp:CP-001:tx42_power");
        SeriesNames.Status("CP-001", default).Should().Be("urn:dev:ocpp:CP-001:0_status");
        SeriesNames.Status("CP-001", new ConnectorAddress(1, 2)).Should().Be("urn:dev:ocpp:CP-001:1.2_status");
    }

    [TestCase("RDAM 123", "RDAM_20123")]
    [TestCase("cp_1", "cp_5F1")]
    [TestCase("Zürich:1", "Z_C3_BCrich_3A1")]
    [TestCase("a.b-C9", "a.b-C9")]
    public void Charge_point_ids_are_encoded_into_valid_senml_names(string id, string encoded)
    {
        SeriesNames.Encode(id).Should().Be(encoded);
        System.Text.RegularExpressions.Regex.IsMatch(SeriesNames.Connector(id, 1, "energy"), "^[A-Za-z0-9][-A-Za-z0-9:./_]*$").Should().BeTrue();
    }

    [TestCase("Energy.Active.Import.Register", null, "Outlet", "energy")]
    [TestCase("Power.Active.Import", null, "Outlet", "power")]
    [TestCase("SoC", null, "EV", "soc")]
    [TestCase("SoC", null, "Outlet", "soc")]
    [TestCase("SoC", null, "Body", "soc-body")]
    [TestCase("Power.Active.Import", null, "EV", "power-ev")]
    [TestCase("Current.Import", "L1", "Outlet", "current-import-l1")]
    [TestCase("Voltage", "L1-N", "Outlet", "voltage-l1-n")]
    [TestCase("Energy.Active.Import.Register", null, "Inlet", "energy-inlet")]
    [TestCase("Temperature", null, "Body", "temperature-body")]
    public void Quantities_are_short_for_the_usual_measurands_and_spell_out_the_others(string measurand, string? phase, string location, string quantity) =>
        SeriesNames.Quantity(new MeterSample(1, DateTimeOffset.UnixEpoch, measurand, phase, location, "Sample.Periodic", "Raw", "Wh", "1", 1, "Wh")).Should().Be(quantity);

    [Test]
    public void The_longest_series_of_the_longest_id_allowed_fits_the_cores_255_characters()
    {
        var id = new string('_', ChargePointIdentity.MaxLength);
        var sample = new MeterSample(int.MinValue, DateTimeOffset.UnixEpoch, new string('m', ColumnWidths.Measurand), new string('p', ColumnWidths.Phase), new string('l', ColumnWidths.Location), "Sample.Periodic", "Raw", "Wh", "1", 1, "Wh");

        ChargePointIdentity.Problem(id).Should().BeNull();
        SeriesNames.Encode(id).Should().HaveLength(ChargePointIdentity.MaxEncodedLength);
        SeriesNames.Transaction(id, long.MaxValue, SeriesNames.Quantity(sample)).Length.Should().BeLessThanOrEqualTo(SeriesDefinition.MaxIdentifierLength);
        SeriesNames.Connector(id, int.MinValue, SeriesNames.Quantity(sample)).Length.Should().BeLessThanOrEqualTo(SeriesDefinition.MaxIdentifierLength);
        SeriesNames.Status(id, new ConnectorAddress(int.MinValue, int.MinValue)).Length.Should().BeLessThanOrEqualTo(SeriesDefinition.MaxIdentifierLength);
    }

    [TestCase("CP-12", true)]
    [TestCase("", false)]
    [TestCase("CP:12", false)]
    [TestCase("Zürich-Hauptbahnhof-Ladestation-Nord-17", true)]
    public void Ids_are_checked_for_length_colons_and_their_length_in_series_names(string id, bool allowed) =>
        (ChargePointIdentity.Problem(id) is null).Should().Be(allowed);
}
