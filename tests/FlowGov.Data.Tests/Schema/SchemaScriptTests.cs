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
