using System.Text.Json;
using FlowGov.Core.Forms;
using FlowGov.Core.Scripting;

namespace FlowGov.Core.Tests.Processes;

/// <summary>The event taxonomy shipped as data (<c>workflows/taxonomy/grid-events.json</c>) and the grid-event routing that depends on it.</summary>
public sealed class GridEventTaxonomyTests
{
    [Fact]
    public void Taxonomy_Parsed_HasSixDutiesAndTwentySixCategories()
    {
        var t = ProcessLibrary.Taxonomy;
        var byLevel = Enumerable.Range(1, 4).Select(level => AllNodes(t).Count(n => n.Level == level)).ToArray();

        Assert.Equal(6, byLevel[0]);
        Assert.Equal(26, byLevel[1]);
        Assert.True(byLevel[2] >= 26 && byLevel[3] >= byLevel[2], $"sub-categories {byLevel[2]}, items {byLevel[3]}");
        Assert.All(t.Items, i => Assert.Equal(4, i.Level));
    }

    [Fact]
    public void Taxonomy_Codes_AreEnglishPathsWithChineseNames()
    {
        foreach (var node in AllNodes(ProcessLibrary.Taxonomy))
        {
            Assert.Matches("^[a-z][a-z-]*(\\.[a-z][a-z-]*){0,3}$", node.Code);
            Assert.Equal(string.Join('.', node.Path.Select(p => p[(p.LastIndexOf('.') + 1)..])), node.Code);
            Assert.Matches("\\p{IsCJKUnifiedIdeographs}", node.Name);
        }
    }

    [Fact]
    public void Taxonomy_File_DocumentsThatAdminsExtendIt()
    {
        var json = ProcessLibrary.TaxonomyJson;

        Assert.Equal("grid-events", json.GetProperty("key").GetString());
        Assert.Contains("extend", json.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Routing_EveryTaxonomyItem_MapsToADispatchableDepartmentOrTheStreet()
    {
        var definition = ProcessLibrary.Load("grid-event.json");
        var script = definition.Activities.Single(a => a.Id == "classify").Properties["script"].GetString()!;
        var prepared = ProcessLibrary.Host.Prepare(script, ScriptKind.Body);
        Assert.True(prepared.Ok, prepared.Error?.Message);
        var departments = FormDefinition.Parse(definition.Forms["triage"]).AllFields.Single(f => f.Key == "department").Options!.Select(o => o.Value).ToHashSet();
        var toStreet = new List<string>();

        foreach (var item in ProcessLibrary.Taxonomy.Items)
        {
            var forms = JsonSerializer.SerializeToElement(new { report = new { category = item.Code, grid = "grid-07" } });
            var result = ProcessLibrary.Host.Run(prepared.Script!, new ScriptScope { Forms = forms, VarsWritable = true });

            Assert.True(result.Ok, result.Error?.ToString());
            var dept = result.WrittenVars!["suggestedDepartment"];
            if (dept.ValueKind == JsonValueKind.Null)
            {
                toStreet.Add(item.Code);
            }
            else
            {
                Assert.Contains(dept.GetString()!, departments);
            }
        }

        // Only policy questions have no department: the street answers them.
        Assert.All(toStreet, code => Assert.StartsWith("service.policy.", code, StringComparison.Ordinal));
    }

    private static List<TaxonomyNode> AllNodes(CategoryTaxonomy t)
    {
        var seen = new Dictionary<string, TaxonomyNode>();
        foreach (var item in t.Items)
        {
            foreach (var code in item.Path)
            {
                seen.TryAdd(code, t.Find(code)!);
            }
        }

        return [.. seen.Values];
    }
}
