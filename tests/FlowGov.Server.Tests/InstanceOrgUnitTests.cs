using System.Net;
using FlowGov.Server.Tests.Support;

namespace FlowGov.Server.Tests;

/// <summary>
/// An instance belongs to the org unit it was started for (<c>instances.org_unit</c>): the starter's
/// unit, or one of the starter's units they name. Reports by unit count it there even when none of
/// its tasks is offered at that unit.
/// </summary>
public sealed class InstanceOrgUnitTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    // One task, assigned to the starter by id: nothing of the instance is offered at a unit.
    private const string Flow = """
    {
      "key": "unit-flow",
      "name": "本人办理",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "handle", "type": "UserTask", "name": "办理", "properties": { "assignee": { "js": "instance.startedBy" } } },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "from": "start", "to": "handle" }, { "from": "handle", "to": "end" } ]
    }
    """;

    [Fact]
    public async Task Start_WithoutOrgUnit_BelongsToTheStartersUnitAndCountsInItsReports()
    {
        await PublishOnceAsync();
        var worker = await server.ClientAsync("tc-grid01");
        var admin = await server.ClientAsync("tc-admin");
        var (grid, community, otherGrid) = (await CountAsync(admin, "tc-wc-lcx-g01"), await CountAsync(admin, "tc-wc-lcx"), await CountAsync(admin, "tc-wc-lcx-g02"));

        var started = await worker.PostAsync("/api/instances", new { definitionKey = "unit-flow" }, HttpStatusCode.Created);
        var id = started.GetProperty("instance").GetProperty("id").GetString();
        var read = await admin.GetAsync($"/api/instances/{id}", HttpStatusCode.OK);

        Assert.Equal("tc-wc-lcx-g01", started.GetProperty("instance").GetProperty("orgUnit").GetString());
        Assert.Equal("tc-wc-lcx-g01", read.GetProperty("instance").GetProperty("orgUnit").GetString());
        Assert.Equal(grid + 1, await CountAsync(admin, "tc-wc-lcx-g01"));
        Assert.Equal(community + 1, await CountAsync(admin, "tc-wc-lcx")); // the community above the grid
        Assert.Equal(otherGrid, await CountAsync(admin, "tc-wc-lcx-g02"));
    }

    [Fact]
    public async Task Start_ForAUnitOfTheStarter_BelongsToIt_AndForAnotherUnit_400NamingOrgUnitAndNothingStarted()
    {
        await PublishOnceAsync();
        var worker = await server.ClientAsync("tc-grid02");
        var admin = await server.ClientAsync("tc-admin");

        var own = await worker.PostAsync("/api/instances", new { definitionKey = "unit-flow", orgUnit = "tc-wc-lcx-g02" }, HttpStatusCode.Created);
        var countBefore = await CountAsync(admin, null);
        var refused = await worker.PostAsync("/api/instances", new { definitionKey = "unit-flow", orgUnit = "tc-wc-lcx-g01" }, HttpStatusCode.BadRequest);

        Assert.Equal("tc-wc-lcx-g02", own.GetProperty("instance").GetProperty("orgUnit").GetString());
        Assert.Equal("orgUnit", refused.GetProperty("field").GetString());
        Assert.Contains("tc-wc-lcx-g02", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(countBefore, await CountAsync(admin, null));
    }

    /// <summary>Publishes the flow unless an earlier test of the class (same server) did.</summary>
    private async Task PublishOnceAsync()
    {
        var designer = await server.ClientAsync("tc-designer");
        var definitions = await designer.GetAsync("/api/definitions", HttpStatusCode.OK);
        if (!definitions.ToString().Contains("\"unit-flow\"", StringComparison.Ordinal))
        {
            await Api.PublishAsync(designer, Flow);
        }
    }

    /// <summary>unit-flow instances the counts report gives for <paramref name="unit"/> (the whole district when null).</summary>
    private static async Task<int> CountAsync(HttpClient admin, string? unit)
    {
        var rows = await admin.GetAsync("/api/reports/counts" + (unit is null ? "" : "?orgUnitId=" + unit), HttpStatusCode.OK);
        return rows.EnumerateArray().Where(r => r.GetProperty("definitionKey").GetString() == "unit-flow").Sum(r => r.GetProperty("count").GetInt32());
    }
}
