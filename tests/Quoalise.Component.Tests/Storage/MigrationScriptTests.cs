using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;
using Quoalise.Component.Storage.Migrations;

namespace Quoalise.Component.Tests.Storage;

public sealed class MigrationScriptTests
{
    [Test]
    public void Every_engine_has_the_same_core_steps()
    {
        var steps = Enum.GetValues<SqlEngine>()
            .Select(e => MigrationScript.Load(CoreMigrations.Set, StorageEngine.For(e).ScriptFolder).Select(s => s.FileName).ToList())
            .ToList();

        steps[0].Should().NotBeEmpty().And.StartWith("0001_core.sql");
        steps.Should().AllSatisfy(s => s.Should().Equal(steps[0]));
    }

    [Test]
    public void The_same_file_always_has_the_same_checksum()
    {
        var first = MigrationScript.Load(CoreMigrations.Set, "postgres")[0];
        var second = MigrationScript.Load(CoreMigrations.Set, "postgres")[0];

        first.Checksum.Should().HaveLength(64).And.Be(second.Checksum);
        MigrationScript.Load(CoreMigrations.Set, "mysql")[0].Checksum.Should().NotBe(first.Checksum);
    }

    [Test]
    public void A_set_without_files_for_the_engine_fails_with_the_embedding_to_add()
    {
        var set = new MigrationSet("widgets", typeof(MigrationScriptTests).Assembly, "Storage/Nowhere");

        var load = () => MigrationScript.Load(set, "postgres");

        load.Should().Throw<InvalidOperationException>().WithMessage("No postgres migration of 'widgets'*LogicalName*");
    }

    [Test]
    public void A_misnamed_file_fails_naming_the_expected_pattern()
    {
        var set = new MigrationSet("misnamed", typeof(MigrationScriptTests).Assembly, "Storage/MisnamedSql");

        var load = () => MigrationScript.Load(set, "sqlite");

        load.Should().Throw<InvalidOperationException>().WithMessage("*1_misnamed.sql*NNNN_what.sql*");
    }
}
