using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using FlowGov.Data;
using FlowGov.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGov.Server.Tests;

/// <summary>
/// The one server suite with Quartz running (the others set FlowGov:Scheduling=false): a 7-day timer
/// is fired through the real server's scheduler by POST …/timers/{bookmarkId}/fire-now. Each test
/// owns its server and disposes it inside the test: the host stops its hosted services in order —
/// Quartz shuts down and waits for running jobs — before the container they resolve from is disposed.
/// </summary>
public sealed class TimerFireNowTests
{
    private const string Definition = """
    {
      "key": "follow-up-visit",
      "name": "回访（7天后）",
      "variables": [ { "name": "at", "type": "string" } ],
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "wait", "type": "WaitUntil", "name": "七天后回访", "properties": { "until": { "js": "vars.at" } } },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "from": "start", "to": "wait" }, { "from": "wait", "to": "end" } ]
    }
    """;

    [Fact]
    public async Task FireNow_SevenDayTimer_FiresThroughQuartzAndCompletesInstance()
    {
        await using var server = new ServerFactory();
        server.Settings["FlowGov:Scheduling"] = "true";
        var (instanceId, bookmarkId) = await StartWaitingInstanceAsync(server);
        var admin = await server.ClientAsync("tc-admin");

        var fired = await admin.PostAsync($"/api/instances/{instanceId}/timers/{bookmarkId}/fire-now", null, HttpStatusCode.Accepted);

        Assert.Equal(bookmarkId, fired.GetProperty("bookmarkId").GetString());
        Assert.True(fired.GetProperty("dueAt").GetDateTimeOffset() > fired.GetProperty("firesAt").GetDateTimeOffset().AddDays(6));
        var detail = await WaitForStatusAsync(admin, instanceId, "completed");
        var resumed = detail.GetProperty("journal").EnumerateArray()
            .Where(j => j.TryGetProperty("activityId", out var a) && a.GetString() == "wait" && j.GetProperty("kind").GetString() == "ActivityResumed").ToList();
        Assert.Single(resumed);
        Assert.Equal("system:timer", resumed[0].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task FireNow_UnknownBookmarkOrNotAdmin_Refused()
    {
        await using var server = new ServerFactory();
        server.Settings["FlowGov:Scheduling"] = "true";
        var (instanceId, bookmarkId) = await StartWaitingInstanceAsync(server);
        var admin = await server.ClientAsync("tc-admin");
        var worker = await server.ClientAsync("tc-grid01");

        var unknown = await admin.PostAsync($"/api/instances/{instanceId}/timers/no-such-bookmark/fire-now", null, HttpStatusCode.NotFound);
        Assert.Contains("no-such-bookmark", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var forbidden = await worker.PostAsJsonAsync($"/api/instances/{instanceId}/timers/{bookmarkId}/fire-now", new { });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var otherDistrict = await server.ClientAsync("yc-admin");
        await otherDistrict.PostAsync($"/api/instances/{instanceId}/timers/{bookmarkId}/fire-now", null, HttpStatusCode.NotFound);
    }

    private static async Task<(string InstanceId, string BookmarkId)> StartWaitingInstanceAsync(ServerFactory server)
    {
        var designer = await server.ClientAsync("tc-designer");
        var worker = await server.ClientAsync("tc-grid01");
        await Api.PublishAsync(designer, Definition);
        var at = TimeProvider.System.GetUtcNow().AddDays(7).ToString("O", CultureInfo.InvariantCulture);
        var started = await worker.PostAsync("/api/instances", new { definitionKey = "follow-up-visit", input = new { at } }, HttpStatusCode.Created);
        var instanceId = started.GetProperty("instance").GetProperty("id").GetString()!;
        await using var db = server.Services.GetRequiredService<FlowGovDatabase>().CreateContext(DistrictScope.AllDistricts);
        var bookmarkId = await db.Bookmarks.Where(b => b.InstanceId == instanceId).Select(b => b.Id).SingleAsync();
        return (instanceId, bookmarkId);
    }

    /// <summary>Waits for the scheduler's job (work in another thread, not time passing); gives up after a minute.</summary>
    private static async Task<System.Text.Json.JsonElement> WaitForStatusAsync(HttpClient client, string instanceId, string status)
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var detail = await client.GetAsync($"/api/instances/{instanceId}", HttpStatusCode.OK);
            if (detail.GetProperty("instance").GetProperty("status").GetString() == status)
            {
                return detail;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), giveUp.Token);
        }
    }
}
