using System.Text.Json;
using System.Text.RegularExpressions;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;
using FlowGov.Server.Seeding;

namespace FlowGov.Server.Tests;

/// <summary>
/// Every role and org unit a seeded workflow (workflows/*.json) offers work to exists in the demo seed, held by
/// a demo account of the district the workflows are published to: a seeded process can never point at nobody.
/// </summary>
public sealed partial class SeedReferenceTests
{
    public static TheoryData<string> Workflows()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot(), "workflows"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void EveryRoleAWorkflowOffersWorkTo_IsHeldByADemoAccount(string file)
    {
        using var workflow = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "workflows", file)));
        var scripts = Scripts(workflow.RootElement).ToList();
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (activity, property, value) in RoleProperties(workflow.RootElement))
        {
            var found = RolesOf(value, scripts).ToList();
            Assert.True(found.Count > 0, $"{file}: activity '{activity}' {property} names no role this test can read: {value.GetRawText()}");
            roles.UnionWith(found);
        }

        Assert.NotEmpty(roles);
        var held = DemoData.Accounts.Where(a => a.District == DemoData.PrimaryDistrict).Select(a => a.Role).ToHashSet(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            Assert.True(RoleNames.All.Contains(role), $"{file}: role '{role}' is not one of RoleNames.All");
            Assert.True(held.Contains(role), $"{file}: no demo account of {DemoData.PrimaryDistrict} holds role '{role}'");
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void EveryOrgUnitAWorkflowNames_IsSeededInItsDistrict(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot(), "workflows", file));
        using var workflow = JsonDocument.Parse(text);
        var seeded = DemoData.Units.Where(u => u.District == DemoData.PrimaryDistrict).ToDictionary(u => u.Id, StringComparer.Ordinal);

        // Departments appear as form options (承办部门, 参与调处的职能部门) and in routing scripts.
        foreach (var id in DepartmentId().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal))
        {
            Assert.True(seeded.TryGetValue(id, out var unit), $"{file}: department '{id}' is not a seeded org unit");
            Assert.Equal(OrgUnitKind.Department, unit.Kind);
            Assert.Equal(DemoData.PrimaryDistrict, unit.ParentId);
        }

        // A unit written out literally (not computed by a script) must exist too.
        foreach (var (activity, unitId) in LiteralUnits(workflow.RootElement))
        {
            Assert.True(seeded.ContainsKey(unitId), $"{file}: activity '{activity}' names org unit '{unitId}', which is not seeded");
        }
    }

    [Fact]
    public void GridEventTriage_OffersExactlyTheSeededDepartments()
    {
        using var workflow = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "workflows", "grid-event.json")));
        var department = workflow.RootElement.GetProperty("forms").GetProperty("triage").GetProperty("fields").EnumerateArray()
            .Single(f => f.GetProperty("key").GetString() == "department");
        var offered = department.GetProperty("options").EnumerateArray()
            .Select(o => (o.GetProperty("value").GetString()!, o.GetProperty("label").GetString()!)).ToList();
        Assert.Equal(DemoData.Departments, offered);
        Assert.Equal(18, offered.Count);
    }

    /// <summary>(activity id, property, value) of every candidateRoles / roles property.</summary>
    private static IEnumerable<(string Activity, string Property, JsonElement Value)> RoleProperties(JsonElement root)
    {
        foreach (var activity in root.GetProperty("activities").EnumerateArray())
        {
            if (!activity.TryGetProperty("properties", out var properties))
            {
                continue;
            }

            foreach (var name in new[] { "candidateRoles", "roles" })
            {
                if (properties.TryGetProperty(name, out var value))
                {
                    yield return (activity.GetProperty("id").GetString()!, name, value);
                }
            }
        }
    }

    /// <summary>
    /// Role names a property can yield: a literal list, the quoted names in the lists of a script expression
    /// (<c>({ 'a': ['grid-worker'] })[item] || ['department-handler']</c>), or, for <c>vars.x</c>, the lists
    /// a script assigns to <c>vars.x</c>.
    /// </summary>
    private static IEnumerable<string> RolesOf(JsonElement value, List<string> scripts)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            return value.EnumerateArray().Select(r => r.GetString()!);
        }

        var expression = value.GetProperty("js").GetString()!;
        var variable = VariableReference().Match(expression);
        if (variable.Success)
        {
            return scripts.SelectMany(s => Assignments(s, variable.Groups[1].Value)).SelectMany(QuotedInLists);
        }

        return QuotedInLists(expression);
    }

    private static IEnumerable<string> Assignments(string script, string variable) =>
        Regex.Matches(script, $@"vars\.{Regex.Escape(variable)}\s*=([^;]*);").Select(m => m.Groups[1].Value);

    private static IEnumerable<string> QuotedInLists(string code) =>
        ListLiteral().Matches(code).SelectMany(list => QuotedName().Matches(list.Value)).Select(m => m.Groups[1].Value);

    private static IEnumerable<string> Scripts(JsonElement root) =>
        root.GetProperty("activities").EnumerateArray()
            .Where(a => a.TryGetProperty("properties", out var p) && p.TryGetProperty("script", out var s) && s.ValueKind == JsonValueKind.String)
            .Select(a => a.GetProperty("properties").GetProperty("script").GetString()!);

    private static IEnumerable<(string Activity, string Unit)> LiteralUnits(JsonElement root)
    {
        foreach (var activity in root.GetProperty("activities").EnumerateArray())
        {
            if (!activity.TryGetProperty("properties", out var properties))
            {
                continue;
            }

            foreach (var name in new[] { "candidateUnit", "unit" })
            {
                if (properties.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    yield return (activity.GetProperty("id").GetString()!, value.GetString()!);
                }
            }
        }
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "FlowGov.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("FlowGov.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\bdept-[a-z]+\b")]
    private static partial Regex DepartmentId();

    [GeneratedRegex(@"^\s*vars\.([A-Za-z_]\w*)\s*$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex ListLiteral();

    [GeneratedRegex(@"'([a-z][a-z0-9-]*)'")]
    private static partial Regex QuotedName();
}
