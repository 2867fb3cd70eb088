using System.Net;
using FlowGov.Server.Tests.Support;

namespace FlowGov.Server.Tests;

public sealed class FirstStartTests
{
    [Fact]
    public async Task Start_Twice_SecondStartChangesNothing()
    {
        var root = Directory.CreateTempSubdirectory("flowgov-first-start-").FullName;
        File.WriteAllText(Path.Combine(root, "workflows-grid.json"), TestDefinitions.GridEvent);
        Directory.CreateDirectory(Path.Combine(root, "workflows", "taxonomy"));
        File.WriteAllText(Path.Combine(root, "workflows", "grid-event.json"), TestDefinitions.GridEvent);
        File.WriteAllText(Path.Combine(root, "workflows", "broken.json"), "{ not json");
        File.WriteAllText(Path.Combine(root, "workflows", "taxonomy", "events.json"), "{\"duties\": []}");

        string first;
        using (var one = ServerFactory.At(root, ownsDirectory: false))
        {
            first = await SnapshotAsync(one);
            Assert.Contains("grid-event-test", first, StringComparison.Ordinal);
        }

        using var two = ServerFactory.At(root, ownsDirectory: true);
        Assert.Equal(first, await SnapshotAsync(two));
    }

    [Fact]
    public async Task Start_WithProcessLibrary_PublishesEveryDefinitionInWorkflows()
    {
        var library = Path.Combine(RepoRoot(), "workflows");
        var expected = Directory.GetFiles(library, "*.json", SearchOption.TopDirectoryOnly)
            .Select(f => System.Text.Json.JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("key").GetString()!)
            .Order().ToList();
        Assert.True(expected.Count >= 7, $"the process library has {expected.Count} definitions");
        using var server = new ServerFactory();
        server.Settings["FlowGov:WorkflowsDirectory"] = library;

        var admin = await server.ClientAsync("tc-admin");
        var published = new List<string>();
        foreach (var key in expected)
        {
            var versions = await admin.GetAsync($"/api/definitions/{key}/versions", HttpStatusCode.OK);
            Assert.Equal(1, versions[0].GetProperty("version").GetInt32());
            published.Add(key);
        }

        Assert.Equal(expected, published);
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

        throw new InvalidOperationException("FlowGov.sln not found above the test binaries.");
    }

    private static async Task<string> SnapshotAsync(ServerFactory server)
    {
        var admin = await server.ClientAsync("tc-admin");
        var users = await admin.GetStringAsync(new Uri("/api/users?pageSize=200", UriKind.Relative));
        var units = await admin.GetStringAsync(new Uri("/api/org-units", UriKind.Relative));
        var definitions = await admin.GetStringAsync(new Uri("/api/definitions", UriKind.Relative));
        var seeds = await admin.GetAsync("/api/audit?action=seed.demo", HttpStatusCode.OK);
        var versions = await admin.GetStringAsync(new Uri("/api/definitions/grid-event-test/versions", UriKind.Relative));
        // Last-login stamps move with each sign-in; compare what seeding wrote.
        return string.Join("\n", System.Text.RegularExpressions.Regex.Replace(users, "\"lastLoginAt\":\"[^\"]*\",?", ""), units, definitions, seeds.GetProperty("total").GetInt32(), versions);
    }
}
