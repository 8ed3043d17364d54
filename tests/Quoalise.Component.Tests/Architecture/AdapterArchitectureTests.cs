using System.Reflection;
using Microsoft.Extensions.Hosting;

namespace Quoalise.Component.Tests.Architecture;

/// <summary>
/// Every adapter plugs in the same way: one public entry point, the adapter contract, and nothing of the XML wire
/// format or of the host (docs/architecture.md).
/// </summary>
public class AdapterArchitectureTests
{
    private static readonly Type[] EntryPoints = [typeof(MqttAdapterExtensions), typeof(OcppAdapterExtensions)];

    [TestCaseSource(nameof(EntryPoints))]
    public void The_adapter_references_no_xml_assembly(Type entryPoint) =>
        References(entryPoint).Should().NotContain(name => name.StartsWith("System.Xml", StringComparison.Ordinal) || name.StartsWith("System.Private.Xml", StringComparison.Ordinal));

    [TestCaseSource(nameof(EntryPoints))]
    public void The_adapter_references_the_adapter_contract_and_not_the_host(Type entryPoint) =>
        References(entryPoint).Should().Contain("Quoalise.Adapters.Abstractions").And.NotContain("Quoalise.Component");

    [TestCaseSource(nameof(EntryPoints))]
    public void Its_only_public_type_is_one_hosting_extension(Type entryPoint)
    {
        entryPoint.Assembly.GetExportedTypes().Should().Equal(entryPoint);
        entryPoint.Namespace.Should().Be("Microsoft.Extensions.Hosting");
        entryPoint.GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).Should().ContainSingle()
            .Which.Should().Be("Add" + entryPoint.Name.Replace("Extensions", string.Empty, StringComparison.Ordinal));
    }

    private static List<string> References(Type entryPoint) =>
        entryPoint.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
}
