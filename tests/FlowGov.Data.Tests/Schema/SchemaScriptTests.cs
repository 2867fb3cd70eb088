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
