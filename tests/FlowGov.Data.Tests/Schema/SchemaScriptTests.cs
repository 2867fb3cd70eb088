using FlowGov.Data.Migrations;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Tests.Schema;

/// <summary>
/// Guards ADR 0001: the EF model and the committed schema scripts must not drift apart. When the
/// model changes, this fails; run it with FLOWGOV_WRITE_SCHEMA_SNAPSHOT=1 to refresh
/// Migrations/{provider}/model.sql, then write the next numbered script from the diff.
/// </summary>
public sealed class SchemaScriptTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public void ModelSnapshot_CurrentModel_MatchesCommittedSchema(StoreProvider provider)
    {
        var database = new FlowGovDatabase(new FlowGovDataOptions
        {
            ConnectionString = provider == StoreProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=unused",
        });
        using var context = database.CreateContext(DistrictScope.AllDistricts);
        var current = context.Database.GenerateCreateScript().ReplaceLineEndings("\n");

        if (Environment.GetEnvironmentVariable("FLOWGOV_WRITE_SCHEMA_SNAPSHOT") == "1")
        {
            File.WriteAllText(Path.Combine(SourceRoot(), "src", "FlowGov.Data", "Migrations", provider == StoreProvider.Sqlite ? "Sqlite" : "Postgres", "model.sql"), current);
        }

        Assert.True(current == SchemaMigrator.ModelSnapshot(provider),
            $"The {provider} model changed but Migrations/{provider}/model.sql did not: add a numbered script for the change (never edit an applied one), then refresh model.sql (FLOWGOV_WRITE_SCHEMA_SNAPSHOT=1).");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Scripts_Provider_NumberedFromOneWithoutGaps(StoreProvider provider)
    {
        var scripts = SchemaMigrator.Scripts(provider);

        Assert.Equal(Enumerable.Range(1, scripts.Count), scripts.Select(s => s.Version));
        Assert.Equal("0001_initial", scripts[0].Name);
    }

    /// <summary>
    /// The numbered scripts, applied in order, must build the indexes model.sql describes — names,
    /// columns and partial-index conditions (0009) alike — or the store runs on a schema that no
    /// test of the model looks at.
    /// </summary>
    [Fact]
    public async Task Scripts_AppliedOnSqlite_BuildTheModelsIndexes()
    {
        using var source = new Infrastructure.SqliteSource();
        var database = await source.NewDatabaseAsync();
        await using var context = database.CreateContext(DistrictScope.AllDistricts);
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL";
        var migrated = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                migrated.Add(Normalize(reader.GetString(0)));
            }
        }

        var model = SchemaMigrator.ModelSnapshot(StoreProvider.Sqlite)!
            .Split(';')
            .Select(Normalize)
            .Where(statement => statement.StartsWith("CREATE INDEX", StringComparison.Ordinal) || statement.StartsWith("CREATE UNIQUE INDEX", StringComparison.Ordinal));

        Assert.Equal(model.Order(StringComparer.Ordinal), migrated.Order(StringComparer.Ordinal));
        Assert.Contains(@"CREATE INDEX ""IX_bookmarks_due_at"" ON ""bookmarks"" (""due_at"") WHERE ""due_at"" IS NOT NULL", migrated);
    }

    /// <summary>
    /// 0011 rebuilds the bookmarks table clustered by id on databases already in use: every open
    /// bookmark must come through the copy with all its columns, and the table must end clustered.
    /// </summary>
    [Fact]
    public async Task Script0011_OnADatabaseWithBookmarks_KeepsEveryRowAndClustersTheTable()
    {
        var dir = Path.Combine(Path.GetTempPath(), "flowgov-schema-" + Path.GetRandomFileName());
        Directory.CreateDirectory(dir);
        try
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Path.Combine(dir, "upgrade.db") + ";Pooling=False");
            await connection.OpenAsync();
            var scripts = SchemaMigrator.Scripts(StoreProvider.Sqlite);
            foreach (var script in scripts.Where(s => s.Version < 11))
            {
                await ExecuteAsync(connection, script.Sql);
            }

            await ExecuteAsync(connection, """
                INSERT INTO bookmarks (id, instance_id, district, activity_id, kind, key, due_at, task_id, created_at) VALUES
                  ('b1', 'i1', 'lcx', 'review', 'Task', NULL, NULL, 't1', 638000000000000000),
                  ('b2', 'i1', 'lcx', 'review', 'Timer', NULL, 638100000000000000, NULL, 638000000000000001),
                  ('b3', 'i2', 'lcx', 'wait', 'Signal', 'sig:x', NULL, NULL, 638000000000000002);
                """);

            await ExecuteAsync(connection, scripts.Single(s => s.Version == 11).Sql);

            Assert.Contains("WITHOUT ROWID", await ScalarAsync(connection, "SELECT sql FROM sqlite_master WHERE name = 'bookmarks'"), StringComparison.Ordinal);
            Assert.Equal(
                "b1|i1|lcx|review|Task|||t1|638000000000000000;b2|i1|lcx|review|Timer||638100000000000000||638000000000000001;b3|i2|lcx|wait|Signal|sig:x|||638000000000000002",
                await ScalarAsync(connection, "SELECT group_concat(id || '|' || instance_id || '|' || district || '|' || activity_id || '|' || kind || '|' || ifnull(key, '') || '|' || ifnull(due_at, '') || '|' || ifnull(task_id, '') || '|' || created_at, ';') FROM (SELECT * FROM bookmarks ORDER BY id)"));
            Assert.Equal("b2", await ScalarAsync(connection, "SELECT id FROM bookmarks WHERE due_at IS NOT NULL AND due_at <= 638100000000000000"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static string Normalize(string sql) => string.Join(' ', sql.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd(';');

    private static string SourceRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "FlowGov.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("FlowGov.sln not found above the test binaries.");
        }

        return dir;
    }
}
