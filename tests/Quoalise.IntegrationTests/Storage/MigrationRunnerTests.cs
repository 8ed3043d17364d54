using System.Data.Common;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage;
using Quoalise.Component.Storage.Migrations;

namespace Quoalise.IntegrationTests.Storage;

[TestFixture(SqlEngine.Sqlite)]
[TestFixture(SqlEngine.MySql)]
[TestFixture(SqlEngine.Postgres)]
public sealed class MigrationRunnerTests(SqlEngine engine)
{
    private static readonly MigrationSet Widgets = new("widgets", typeof(MigrationRunnerTests).Assembly, "Storage/TestSql");
    private static readonly MigrationSet Broken = new("broken", typeof(MigrationRunnerTests).Assembly, "Storage/BrokenSql");

    private static readonly AppliedMigration[] AllSteps =
    [
        new("core", 1, "core"),
        new("core", 2, "points_log"),
        new("widgets", 1, "widgets"),
        new("widgets", 2, "widgets_colour"),
    ];

    [Test]
    public async Task A_fresh_database_gets_every_step_once_and_a_second_run_finds_nothing_to_do()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var host = await StorageTestHost.CreateAsync(database, services: s => s.AddSingleton(Widgets), start: false);

        (await host.Host.MigrateQuoaliseStorageAsync()).Should().Equal(AllSteps);
        (await host.Host.MigrateQuoaliseStorageAsync()).Should().BeEmpty();

        (await RecordedAsync(database)).Should().Equal(AllSteps);
        await using var connection = database.Connect();
        await connection.ExecuteAsync("INSERT INTO widgets_items (name, created_us, colour) VALUES ('w', 1, 'red')");
    }

    [Test]
    public async Task Two_instances_migrating_at_once_apply_each_step_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var first = await StorageTestHost.CreateAsync(database, services: s => s.AddSingleton(Widgets), start: false);
        await using var second = await StorageTestHost.CreateAsync(database, services: s => s.AddSingleton(Widgets), start: false);

        var runs = await Task.WhenAll(
            Task.Run(() => first.Host.MigrateQuoaliseStorageAsync()),
            Task.Run(() => second.Host.MigrateQuoaliseStorageAsync()));

        runs.SelectMany(r => r).Should().BeEquivalentTo(AllSteps, "one runner applied everything, the other nothing");
        runs.Should().Contain(r => r.Count == 0);
        (await RecordedAsync(database)).Should().Equal(AllSteps);
    }

    [Test]
    public async Task Starting_the_host_migrates_before_the_writer_accepts_points()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var host = await StorageTestHost.CreateAsync(database, services: s => s.AddSingleton(Widgets));

        (await RecordedAsync(database)).Should().Equal(AllSteps);
        host.Logs.Lines.Select(l => l.EventId.Id).Should().ContainInOrder(3000, 3001);
    }

    [Test]
    public async Task With_ApplyMigrations_off_the_host_leaves_the_schema_to_the_migrate_verb()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var host = await StorageTestHost.CreateAsync(
            database, new Dictionary<string, string?> { ["Storage:ApplyMigrations"] = "false" });

        var read = async () => await RecordedAsync(database);
        await read.Should().ThrowAsync<DbException>("no table was created");
        host.Logs.Lines.Should().Contain(l => l.EventId.Id == 3003);

        (await host.Host.MigrateQuoaliseStorageAsync()).Should().Equal(AllSteps[..2]);
    }

    [Test]
    public async Task A_step_edited_after_it_was_applied_fails_the_run()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var host = await StorageTestHost.CreateAsync(database, services: s => s.AddSingleton(Widgets), start: false);
        await host.Host.MigrateQuoaliseStorageAsync();
        await using (var connection = database.Connect())
        {
            await connection.ExecuteAsync("UPDATE quoalise_migrations SET checksum = 'edited' WHERE owner = 'widgets' AND version = 1");
        }

        var run = () => host.Host.MigrateQuoaliseStorageAsync();

        await run.Should().ThrowAsync<InvalidOperationException>().WithMessage("*widgets 0001_widgets.sql was changed after it was applied*");
    }

    [Test]
    public async Task A_broken_step_stops_the_host_naming_the_file()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var host = await StorageTestHost.CreateAsync(database, services: s => s.AddSingleton(Broken), start: false);
        host.ErrorsExpected = true;

        var start = () => host.Host.StartAsync();

        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("Migration broken 0001_broken.sql failed*");
    }

    private static async Task<List<AppliedMigration>> RecordedAsync(TestDatabase database)
    {
        await using var connection = database.Connect();
        var rows = await connection.QueryAsync<(string Owner, long Version, string Name)>(
            "SELECT owner, version, name FROM quoalise_migrations ORDER BY owner, version");
        return [.. rows.Select(r => new AppliedMigration(r.Owner, (int)r.Version, r.Name))];
    }
}
