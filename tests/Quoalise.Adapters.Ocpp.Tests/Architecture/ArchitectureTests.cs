using System.Reflection;

namespace Quoalise.Adapters.Ocpp.Tests.Architecture;

public class ArchitectureTests
{
    private static readonly Assembly Adapter = typeof(OcppAdapterExtensions).Assembly;

    [Test]
    public void The_adapter_references_no_xml_assembly() =>
        Adapter.GetReferencedAssemblies().Select(a => a.Name).Should().NotContain(n => n!.StartsWith("System.Xml", StringComparison.Ordinal));

    [Test]
    public void Its_only_public_type_is_the_entry_point()
    {
        Adapter.GetExportedTypes().Should().Equal(typeof(OcppAdapterExtensions));
        typeof(OcppAdapterExtensions).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).Should().Equal("AddOcppAdapter");
    }

    [Test]
    public void It_references_the_adapter_contract_and_not_the_component()
    {
        var names = Adapter.GetReferencedAssemblies().Select(a => a.Name).ToList();

        names.Should().Contain("Quoalise.Adapters.Abstractions");
        names.Should().NotContain("Quoalise.Component");
    }
}
