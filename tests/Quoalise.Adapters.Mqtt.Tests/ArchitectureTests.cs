using System.Reflection;

namespace Quoalise.Adapters.Mqtt.Tests;

public class ArchitectureTests
{
    private static readonly Assembly Adapter = typeof(Quoalise.Adapters.Mqtt.MqttAdapter).Assembly;

    [Test]
    public void The_adapter_references_no_System_Xml_assembly()
    {
        Adapter.GetReferencedAssemblies().Select(a => a.Name).Should().NotContain(name => name!.StartsWith("System.Xml", StringComparison.Ordinal) || name == "System.Private.Xml" || name == "System.Private.Xml.Linq");
        Adapter.GetReferencedAssemblies().Select(a => a.Name).Should().Contain("Quoalise.Adapters.Abstractions").And.NotContain("Quoalise.Component");
    }

    [Test]
    public void Its_only_public_type_is_the_entry_point()
    {
        Adapter.GetExportedTypes().Select(t => t.FullName).Should().Equal("Microsoft.Extensions.Hosting.MqttAdapterExtensions");
    }
}
