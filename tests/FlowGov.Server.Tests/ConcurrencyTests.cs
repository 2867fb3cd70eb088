using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlowGov.Server.Tests.Support;

namespace FlowGov.Server.Tests;

public abstract class ConcurrencyScenarios(ServerFactory server)
{
    [Fact]
    public async Task Submit_HundredConcurrentSubmissions_OneSucceedsRestConflictOneTransition()
    {
        var designer = await server.ClientAsync("tc-designer");
        var worker = await server.ClientAsync("tc-grid01");
        await Api.PublishAsync(designer, TestDefinitions.GridEvent);
        var started = await worker.PostAsync("/api/instances", new { definitionKey = TestDefinitions.GridEventKey, input = new { gridId = "tc-wc-lcx-g01" } }, HttpStatusCode.Created);
        var instanceId = started.GetProperty("instance").GetProperty("id").GetString()!;
        var taskId = started.GetProperty("openTasks")[0].GetProperty("id").GetString()!;

        using var gate = new SemaphoreSlim(0);
        var submissions = Enumerable.Range(0, 100).Select(async i =>
        {
            await gate.WaitAsync();
            using var response = await worker.PostAsJsonAsync($"/api/tasks/{taskId}/submit", new { outcome = "submit", values = new { summary = $"第{i}次提交", level = "small" } });
            return response.StatusCode;
        }).ToList();
        gate.Release(100);
        var statuses = await Task.WhenAll(submissions);

        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) == 1, string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.Equal(99, statuses.Count(s => s == HttpStatusCode.Conflict));
        var detail = await worker.GetAsync($"/api/instances/{instanceId}", HttpStatusCode.OK);
        Assert.Equal(1, detail.GetProperty("journal").EnumerateArray().Count(j =>
            j.GetProperty("kind").GetString() == "ActivityResumed" && j.TryGetProperty("activityId", out var a) && a.ValueKind == JsonValueKind.String && a.GetString() == "report"));
        Assert.Single(detail.GetProperty("openTasks").EnumerateArray());
        // The audit entry is part of the advance's transaction: the 99 refused advances left none.
        var admin = await server.ClientAsync("tc-admin");
        var audit = await admin.GetAsync($"/api/audit?action=task.submit&subject={taskId}", HttpStatusCode.OK);
        Assert.Single(audit.GetProperty("items").EnumerateArray());
    }
}

/// <summary>The scenarios on a SQLite file (the default store).</summary>
public sealed class ConcurrencyTests(ServerFactory server) : ConcurrencyScenarios(server), IClassFixture<ServerFactory>;

/// <summary>The scenarios on a throwaway PostgreSQL server: row locks and revision checks under 100 parallel submissions.</summary>
public sealed class PostgresConcurrencyTests(PostgresServerFactory postgres) : ConcurrencyScenarios(postgres.Server), IClassFixture<PostgresServerFactory>;
