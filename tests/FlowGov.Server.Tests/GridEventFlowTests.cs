using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlowGov.Server.Tests.Support;

namespace FlowGov.Server.Tests;

/// <summary>A grid event from report to follow-up visit, driven only through HTTP by the people of DOMAIN.md.</summary>
public abstract class GridEventFlowScenarios(ServerFactory server)
{
    [Fact]
    public async Task GridEvent_ReportDispatchHandleVisit_CompletesThroughHttpAsDifferentUsers()
    {
        var designer = await server.ClientAsync("tc-designer");
        var worker = await server.ClientAsync("tc-grid01");
        var otherWorker = await server.ClientAsync("tc-grid02");
        var handler = await server.ClientAsync("tc-municipal");
        var supervisor = await server.ClientAsync("tc-supervisor");
        var admin = await server.ClientAsync("tc-admin");
        await Api.PublishAsync(designer, TestDefinitions.GridEvent.Replace(TestDefinitions.GridEventKey, "grid-event-flow", StringComparison.Ordinal));

        // 网格员上报
        var started = await worker.PostAsync("/api/instances", new { definitionKey = "grid-event-flow", input = new { gridId = "tc-wc-lcx-g01" }, businessKey = "E-2026-001" }, HttpStatusCode.Created);
        var instanceId = started.GetProperty("instance").GetProperty("id").GetString()!;
        var report = started.GetProperty("openTasks")[0];
        Assert.Equal("report", report.GetProperty("activityId").GetString());
        Assert.Equal("u-tc-grid01", report.GetProperty("assignee").GetString());
        var reportId = report.GetProperty("id").GetString()!;

        // The form of the task's definition version is enforced: a missing required field is a 422 naming it.
        var invalid = await worker.PostAsync($"/api/tasks/{reportId}/submit", new { outcome = "submit", values = new { level = "big" } }, HttpStatusCode.UnprocessableEntity);
        Assert.True(invalid.TryGetProperty("errors", out var errors) && errors.TryGetProperty("summary", out _), invalid.ToString());

        // Someone else cannot submit it.
        await otherWorker.PostAsync($"/api/tasks/{reportId}/submit", new { outcome = "submit", values = new { summary = "x", level = "big" } }, HttpStatusCode.NotFound);

        // Idempotency-Key: the same key gives the same answer and no second transition.
        var body = new { outcome = "submit", values = new { summary = "双井巷内地面方砖多处松动", level = "big" } };
        using var first = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{reportId}/submit") { Content = JsonContent.Create(body) };
        first.Headers.Add("Idempotency-Key", "report-1");
        var firstAnswer = await (await worker.SendAsync(first)).JsonAsync(HttpStatusCode.OK);
        using var again = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{reportId}/submit") { Content = JsonContent.Create(body) };
        again.Headers.Add("Idempotency-Key", "report-1");
        var againResponse = await worker.SendAsync(again);
        var againAnswer = await againResponse.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(firstAnswer.GetRawText(), againAnswer.GetRawText());
        Assert.True(againResponse.Headers.Contains("Idempotent-Replayed"));

        // 部门限时办理: offered to department handlers of the district, not to grid workers.
        var inbox = await handler.GetAsync("/api/tasks/inbox?scope=candidate", HttpStatusCode.OK);
        var handle = inbox.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("instanceId").GetString() == instanceId);
        var handleId = handle.GetProperty("id").GetString()!;
        Assert.NotNull(handle.GetProperty("dueAt").GetString());
        var workerInbox = await worker.GetAsync("/api/tasks/inbox", HttpStatusCode.OK);
        Assert.DoesNotContain(workerInbox.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == handleId);
        await handler.PostAsync($"/api/tasks/{handleId}/claim", null);
        var counts = await handler.GetAsync("/api/tasks/counts", HttpStatusCode.OK);
        Assert.Equal(1, counts.GetProperty("assigned").GetInt32());

        // 督办: the supervisor nudges, the handler comments and finishes.
        await supervisor.PostAsync($"/api/tasks/{handleId}/nudge", new { message = "请尽快处理" }, HttpStatusCode.Accepted);
        await handler.PostAsync($"/api/tasks/{handleId}/comments", new { text = "已联系市政部门" }, HttpStatusCode.Created);
        var comments = await handler.GetAsync($"/api/tasks/{handleId}/comments", HttpStatusCode.OK);
        Assert.Equal("已联系市政部门", comments[0].GetProperty("text").GetString());
        var handled = await handler.PostAsync($"/api/tasks/{handleId}/submit", new { outcome = "done", values = new { result = "已更换松动地砖" } });
        Assert.Equal("running", handled.GetProperty("instanceStatus").GetString());

        // 办结回访: the grid worker of grid 01 (the event's grid), not the one of grid 02.
        var visitId = handled.GetProperty("newTasks")[0].GetString()!;
        await otherWorker.PostAsync($"/api/tasks/{visitId}/claim", null, HttpStatusCode.NotFound);
        var closed = await worker.PostAsync($"/api/tasks/{visitId}/submit", new { outcome = "close", values = new { satisfied = "yes" } });
        Assert.Equal("completed", closed.GetProperty("instanceStatus").GetString());

        var detail = await supervisor.GetAsync($"/api/instances/{instanceId}", HttpStatusCode.OK);
        Assert.Equal("completed", detail.GetProperty("instance").GetProperty("status").GetString());
        Assert.Equal("big", detail.GetProperty("forms").GetProperty("report").GetProperty("level").GetString());
        Assert.Equal(1, detail.GetProperty("journal").EnumerateArray().Count(j => j.TryGetProperty("activityId", out var a) && a.ValueKind == JsonValueKind.String
            && a.GetString() == "report" && j.GetProperty("kind").GetString() == "ActivityResumed"));

        var report2 = await supervisor.GetAsync("/api/reports/counts", HttpStatusCode.OK);
        Assert.Contains(report2.EnumerateArray(), r => r.GetProperty("definitionKey").GetString() == "grid-event-flow" && r.GetProperty("status").GetString() == "completed");
        var sla = await supervisor.GetAsync("/api/reports/sla", HttpStatusCode.OK);
        Assert.Contains(sla.EnumerateArray(), r => r.GetProperty("activityId").GetString() == "handle" && r.GetProperty("onTime").GetInt32() == 1);
        var csv = await supervisor.GetStringAsync("/api/reports/tasks.csv");
        Assert.Contains("grid-event-flow", csv, StringComparison.Ordinal);
        var audit = await admin.GetAsync("/api/audit?action=task.nudge", HttpStatusCode.OK);
        Assert.Equal(handleId, audit.GetProperty("items")[0].GetProperty("subject").GetString());
        // Start and submissions are audited by the engine's commit itself (one transaction with the advance).
        var starts = await admin.GetAsync("/api/audit?action=instance.start", HttpStatusCode.OK);
        Assert.Contains(starts.GetProperty("items").EnumerateArray(), a => a.GetProperty("subject").GetString() == instanceId && a.GetProperty("actor").GetString() == "u-tc-grid01");
        var submits = await admin.GetAsync("/api/audit?action=task.submit", HttpStatusCode.OK);
        Assert.Contains(submits.GetProperty("items").EnumerateArray(), a => a.GetProperty("subject").GetString() == visitId && a.GetProperty("data").GetString() == "close");
    }

    [Fact]
    public async Task Definitions_PublishDiffRollbackRetire_VersionsTracked()
    {
        var designer = await server.ClientAsync("tc-designer");
        var key = "grid-event-versions";
        var v1 = TestDefinitions.GridEvent.Replace(TestDefinitions.GridEventKey, key, StringComparison.Ordinal);
        Assert.Equal(1, await Api.PublishAsync(designer, v1));

        var draft = await designer.GetAsync($"/api/definitions/{key}/draft", HttpStatusCode.OK);
        var revision = draft.GetProperty("revision").GetInt64();
        var v2 = JsonDocument.Parse(v1.Replace("部门限时办理", "部门办理", StringComparison.Ordinal)).RootElement;
        var saved = await (await designer.PutAsJsonAsync($"/api/definitions/{key}/draft", new { revision, definition = v2 })).JsonAsync(HttpStatusCode.OK);
        var published = await designer.PostAsync($"/api/definitions/{key}/publish", new { revision = saved.GetProperty("revision").GetInt64(), note = "rename step" });
        Assert.Equal(2, published.GetProperty("version").GetInt32());

        var diff = await designer.GetAsync($"/api/definitions/{key}/diff?from=1&to=2", HttpStatusCode.OK);
        var change = Assert.Single(diff.GetProperty("changes").EnumerateArray());
        Assert.Equal("handle", change.GetProperty("id").GetString());
        Assert.Equal("changed", change.GetProperty("change").GetString());

        var rolledBack = await designer.PostAsync($"/api/definitions/{key}/rollback", new { toVersion = 1, note = "undo" });
        Assert.Equal(3, rolledBack.GetProperty("version").GetInt32());
        Assert.True((await designer.GetAsync($"/api/definitions/{key}/diff?from=1&to=3", HttpStatusCode.OK)).GetProperty("identical").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await designer.PostAsync($"/api/definitions/{key}/versions/3/retire", null)).StatusCode);
        var versions = await designer.GetAsync($"/api/definitions/{key}/versions", HttpStatusCode.OK);
        Assert.Equal(3, versions.GetArrayLength());

        var bundle = await designer.GetAsync($"/api/definitions/{key}/export", HttpStatusCode.OK);
        Assert.Equal("flowgov-bundle/1", bundle.GetProperty("format").GetString());
        var palette = await designer.GetAsync("/api/activities", HttpStatusCode.OK);
        Assert.Contains(palette.EnumerateArray(), a => a.GetProperty("type").GetString() == "UserTask");
    }

    [Fact]
    public async Task Import_Bundle_PublishesValidAndReportsInvalid()
    {
        var designer = await server.ClientAsync("tc-designer");
        var good = JsonDocument.Parse(TestDefinitions.GridEvent.Replace(TestDefinitions.GridEventKey, "grid-event-imported", StringComparison.Ordinal)).RootElement;
        var bad = JsonDocument.Parse("""{"key":"broken","name":"坏流程","activities":[{"id":"start","type":"Start"},{"id":"x","type":"NoSuchType"}],"connections":[{"from":"start","to":"x"}]}""").RootElement;
        var results = await designer.PostAsync("/api/definitions/import", new { format = "flowgov-bundle/1", exportedAt = DateTimeOffset.UnixEpoch, definitions = new[] { good, bad } });
        Assert.Equal(1, results[0].GetProperty("version").GetInt32());
        Assert.Contains(results[1].GetProperty("problems").EnumerateArray(), p => p.GetProperty("activityId").GetString() == "x");
    }

    [Fact]
    public async Task Task_HandOverAndDelegate_MovesTheTask()
    {
        var designer = await server.ClientAsync("tc-designer");
        var worker = await server.ClientAsync("tc-grid01");
        var colleague = await server.ClientAsync("tc-grid02");
        await Api.PublishAsync(designer, TestDefinitions.GridEvent.Replace(TestDefinitions.GridEventKey, "grid-event-handover", StringComparison.Ordinal));
        var started = await worker.PostAsync("/api/instances", new { definitionKey = "grid-event-handover", input = new { gridId = "tc-wc-lcx-g01" } }, HttpStatusCode.Created);
        var taskId = started.GetProperty("openTasks")[0].GetProperty("id").GetString()!;

        var delegated = await worker.PostAsync($"/api/tasks/{taskId}/delegate", new { userId = "u-tc-grid02" });
        Assert.Equal("u-tc-grid02", delegated.GetProperty("assignee").GetString());
        var mine = await worker.GetAsync("/api/tasks/inbox?scope=delegated", HttpStatusCode.OK);
        Assert.Equal(taskId, mine.GetProperty("items")[0].GetProperty("id").GetString());
        var told = await colleague.GetAsync("/api/notifications", HttpStatusCode.OK);
        Assert.Contains(told.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "assigned" && n.GetProperty("taskId").GetString() == taskId);

        var handedBack = await colleague.PostAsync($"/api/tasks/{taskId}/handover", new { userId = "u-tc-grid01", comment = "不在我的网格" });
        Assert.Equal("u-tc-grid01", handedBack.GetProperty("assignee").GetString());
        await worker.PostAsync($"/api/tasks/{taskId}/handover", new { userId = "u-yc-grid01" }, HttpStatusCode.BadRequest);
    }
}

/// <summary>The scenarios on a SQLite file (the default store).</summary>
public sealed class GridEventFlowTests(ServerFactory server) : GridEventFlowScenarios(server), IClassFixture<ServerFactory>;

/// <summary>The scenarios on a throwaway PostgreSQL server.</summary>
public sealed class PostgresGridEventFlowTests(PostgresServerFactory postgres) : GridEventFlowScenarios(postgres.Server), IClassFixture<PostgresServerFactory>;
