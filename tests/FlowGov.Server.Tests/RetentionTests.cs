using System.Net;
using FlowGov.Data;
using FlowGov.Data.Retention;
using FlowGov.Server.Hosting;
using FlowGov.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGov.Server.Tests;

/// <summary>Retention runs inside the server: configured in ServerOptions, applied once the store is ready.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Restart_WithAPolicy_DeletesTheOldCancelledInstanceAndKeepsTheFreshOne()
    {
        var root = Directory.CreateTempSubdirectory("flowgov-retention-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "workflows"));
        File.WriteAllText(Path.Combine(root, "workflows", "grid-event.json"), TestDefinitions.GridEvent);

        string old, fresh;
        using (var first = ServerFactory.At(root, ownsDirectory: false))
        {
            var worker = await first.ClientAsync("tc-grid01");
            old = await StartAndCancelAsync(worker);
            fresh = await StartAndCancelAsync(worker);
            // Make the first one finished (and started) 400 days ago, as if the server had run that long.
            var longAgo = DateTimeOffset.UtcNow.AddDays(-400);
            await using var db = first.Services.GetRequiredService<FlowGovDatabase>().CreateContext(DistrictScope.AllDistricts);
            Assert.Equal(1, await db.Instances.Where(i => i.Id == old).ExecuteUpdateAsync(s => s.SetProperty(i => i.CompletedAt, longAgo).SetProperty(i => i.CreatedAt, longAgo)));
        }

        using var second = ServerFactory.At(root, ownsDirectory: true);
        second.Settings["FlowGov:RetentionPolicies:0:District"] = "tongcheng";
        second.Settings["FlowGov:RetentionPolicies:0:Days"] = "365";
        second.Settings["FlowGov:RetentionPolicies:0:Action"] = "Delete";
        var admin = await second.ClientAsync("tc-admin");

        var report = await second.Services.GetRequiredService<RetentionHostedService>().FirstRun;

        Assert.Equal(1, report.Deleted);
        await admin.GetAsync($"/api/instances/{old}", HttpStatusCode.NotFound);
        var kept = await admin.GetAsync($"/api/instances/{fresh}", HttpStatusCode.OK);
        Assert.Equal("cancelled", kept.GetProperty("instance").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("District", "", "FlowGov:RetentionPolicies:0:District")]
    [InlineData("Days", "0", "FlowGov:RetentionPolicies:0:Days")]
    public void Options_BadPolicy_RefusedNamingTheSetting(string field, string value, string named)
    {
        var options = new ServerOptions { RetentionPolicies = [new RetentionPolicy("tongcheng", 30, RetentionAction.Delete)] };
        options.RetentionPolicies[0] = field == "District" ? options.RetentionPolicies[0] with { District = value } : options.RetentionPolicies[0] with { Days = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) };

        var error = Assert.Throws<InvalidOperationException>(() => ServerSetup.RetentionOptionsFrom(options));

        Assert.StartsWith(named, error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> StartAndCancelAsync(HttpClient worker)
    {
        var started = await worker.PostAsync("/api/instances", new { definitionKey = TestDefinitions.GridEventKey, input = new { gridId = "tc-wc-lcx-g01" } }, HttpStatusCode.Created);
        var id = started.GetProperty("instance").GetProperty("id").GetString()!;
        await worker.PostAsync($"/api/instances/{id}/cancel", new { reason = "重复上报" });
        return id;
    }
}
