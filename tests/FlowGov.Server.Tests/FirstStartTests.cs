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
