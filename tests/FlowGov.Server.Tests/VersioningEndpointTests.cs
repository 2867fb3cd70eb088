using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Data.Versioning;
using FlowGov.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGov.Server.Tests;

/// <summary>Semantic diff, migration of running instances, send back (退回) and template forks through HTTP.</summary>
public sealed class VersioningEndpointTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _server;

    public VersioningEndpointTests(ServerFactory server)
    {
        _server = server;
        // Read when the host is built, i.e. on the first client of the shared factory.
        server.Settings["FlowGov:CityAdministrators:0"] = "u-tc-admin";
    }

    private static string Flow(string key, string second, string extraField = "") => $$"""
    {
      "key": "{{key}}",
      "name": "核实流程",
      "forms": { "check": { "title": "核实", "fields": [ { "key": "note", "label": "说明", "kind": "text" }{{extraField}} ], "actions": [ { "key": "done", "label": "提交" } ] } },
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "report", "type": "UserTask", "name": "上报", "properties": { "assignee": { "js": "instance.startedBy" } } },
        { "id": "{{second}}", "type": "UserTask", "name": "核实", "properties": { "formKey": "check", "assignee": { "js": "instance.startedBy" }, "due": "P3D" } },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "from": "start", "to": "report" }, { "from": "report", "to": "{{second}}" }, { "from": "{{second}}", "port": "done", "to": "end" } ]
    }
    """;

    [Fact]
    public async Task Diff_DraftAgainstVersion_ActivitiesFormsFieldsAndText()
    {
        var designer = await _server.ClientAsync("tc-designer");
        await Api.PublishAsync(designer, Flow("diff-flow", "check"));
        var changed = JsonDocument.Parse(Flow("diff-flow", "verify", """, { "key": "photo", "label": "照片", "kind": "photo" }""")).RootElement;
        await (await designer.PutAsJsonAsync("/api/definitions/diff-flow/draft", new { revision = 2, definition = changed })).JsonAsync(HttpStatusCode.OK);

        var diff = await designer.GetAsync("/api/definitions/diff-flow/diff?from=1&to=0", HttpStatusCode.OK);
        var text = await designer.GetAsync("/api/definitions/diff-flow/diff?from=1&to=0&format=text");

        Assert.False(diff.GetProperty("identical").GetBoolean());
        Assert.Equal(
            ["check:removed", "verify:added"],
            diff.GetProperty("activities").EnumerateArray().Select(a => $"{a.GetProperty("id").GetString()}:{a.GetProperty("change").GetString()}").ToList());
        var form = diff.GetProperty("forms")[0];
        Assert.Equal(("check", "changed"), (form.GetProperty("key").GetString(), form.GetProperty("change").GetString()));
        Assert.Equal(("photo", "added"), (form.GetProperty("fields")[0].GetProperty("key").GetString(), form.GetProperty("fields")[0].GetProperty("change").GetString()));
        Assert.Contains(diff.GetProperty("connections").EnumerateArray(), c => c.GetProperty("target").GetString() == "verify" && c.GetProperty("change").GetString() == "added");
        Assert.Contains(diff.GetProperty("changes").EnumerateArray(), c => c.GetProperty("kind").GetString() == "activity" && c.GetProperty("id").GetString() == "verify");
        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        var body = await text.Content.ReadAsStringAsync();
        Assert.Contains("+ activity verify (UserTask)", body, StringComparison.Ordinal);
        Assert.Contains("+ field photo", body, StringComparison.Ordinal);
        await designer.GetAsync("/api/definitions/diff-flow/diff?from=1&to=0&format=xml", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Migration_DryRunRefusesUnmapped_ApplyMovesTaskAndAudits()
    {
        var designer = await _server.ClientAsync("tc-designer");
        var worker = await _server.ClientAsync("tc-grid01");
        var admin = await _server.ClientAsync("tc-admin");
        await Api.PublishAsync(designer, Flow("migrate-flow", "check"));
        var started = await worker.PostAsync("/api/instances", new { definitionKey = "migrate-flow" }, HttpStatusCode.Created);
        var instanceId = started.GetProperty("instance").GetProperty("id").GetString()!;
        var reportId = started.GetProperty("openTasks")[0].GetProperty("id").GetString()!;
        var submitted = await worker.PostAsync($"/api/tasks/{reportId}/submit", new { values = new { } });
        var checkId = submitted.GetProperty("newTasks")[0].GetString()!;
        var before = await worker.GetAsync($"/api/tasks/{checkId}", HttpStatusCode.OK);
        var draft = await designer.GetAsync("/api/definitions/migrate-flow/draft", HttpStatusCode.OK);
        await (await designer.PutAsJsonAsync("/api/definitions/migrate-flow/draft", new { revision = draft.GetProperty("revision").GetInt64(), definition = JsonDocument.Parse(Flow("migrate-flow", "verify")).RootElement })).JsonAsync(HttpStatusCode.OK);
        var v2 = await designer.PostAsync("/api/definitions/migrate-flow/publish", new { revision = draft.GetProperty("revision").GetInt64() + 1, note = "rename" });
        Assert.Equal(2, v2.GetProperty("version").GetInt32());

        await designer.PostAsync("/api/definitions/migrate-flow/migrations/dry-run", new { fromVersion = 1, toVersion = 2, activityMap = new { } }, HttpStatusCode.Forbidden);
        var dry = await admin.PostAsync("/api/definitions/migrate-flow/migrations/dry-run", new { fromVersion = 1, toVersion = 2, activityMap = new { } });
        var apply = await admin.PostAsync("/api/definitions/migrate-flow/migrations/apply", new { fromVersion = 1, toVersion = 2, activityMap = new { check = "verify" }, instanceIds = new[] { instanceId } });

        var refused = dry.EnumerateArray().Single();
        Assert.Equal(instanceId, refused.GetProperty("instanceId").GetString());
        Assert.False(refused.GetProperty("ok").GetBoolean());
        Assert.Contains("'check'", refused.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        var applied = apply.EnumerateArray().Single();
        Assert.True(applied.GetProperty("ok").GetBoolean(), applied.ToString());
        Assert.Contains(applied.GetProperty("actions").EnumerateArray(), a => a.GetString() == "token at 'check' moves to 'verify'");
        var after = await worker.GetAsync($"/api/tasks/{checkId}", HttpStatusCode.OK);
        var task = after.GetProperty("task");
        Assert.Equal(("verify", 2), (task.GetProperty("activityId").GetString(), task.GetProperty("definitionVersion").GetInt32()));
        Assert.Equal(before.GetProperty("task").GetProperty("dueAt").GetString(), task.GetProperty("dueAt").GetString());
        Assert.Equal(before.GetProperty("task").GetProperty("assignee").GetString(), task.GetProperty("assignee").GetString());
        var detail = await admin.GetAsync($"/api/instances/{instanceId}", HttpStatusCode.OK);
        Assert.Equal(2, detail.GetProperty("instance").GetProperty("definitionVersion").GetInt32());
        Assert.Contains(detail.GetProperty("journal").EnumerateArray(), j => j.GetProperty("kind").GetString() == nameof(JournalKind.InstanceMigrated));
        var audit = await admin.GetAsync("/api/audit?action=instance.migrate", HttpStatusCode.OK);
        Assert.Contains(instanceId, audit.GetRawText(), StringComparison.Ordinal);

        // It goes on under v2.
        var done = await worker.PostAsync($"/api/tasks/{checkId}/submit", new { outcome = "done", values = new { note = "ok" } });
        Assert.Equal("completed", done.GetProperty("instanceStatus").GetString());
    }

    [Fact]
    public async Task SendBack_ToEarlierStep_RecreatesTaskForWhoDidIt()
    {
        var designer = await _server.ClientAsync("tc-designer");
        var worker = await _server.ClientAsync("tc-grid01");
        var other = await _server.ClientAsync("tc-grid02");
        await Api.PublishAsync(designer, Flow("send-back-flow", "check"));
        var started = await worker.PostAsync("/api/instances", new { definitionKey = "send-back-flow" }, HttpStatusCode.Created);
        var reportId = started.GetProperty("openTasks")[0].GetProperty("id").GetString()!;
        var checkId = (await worker.PostAsync($"/api/tasks/{reportId}/submit", new { values = new { } })).GetProperty("newTasks")[0].GetString()!;

        var targets = await worker.GetAsync($"/api/tasks/{checkId}/send-back-targets", HttpStatusCode.OK);
        await other.PostAsync($"/api/tasks/{checkId}/send-back", new { toActivityId = "report" }, HttpStatusCode.NotFound);
        await worker.PostAsync($"/api/tasks/{checkId}/send-back", new { toActivityId = "start" }, HttpStatusCode.BadRequest);
        var sent = await worker.PostAsync($"/api/tasks/{checkId}/send-back", new { toActivityId = "report", comment = "描述不完整" });

        Assert.Equal([("report", "上报")], targets.EnumerateArray().Select(t => (t.GetProperty("activityId").GetString(), t.GetProperty("name").GetString())).ToList());
        var newId = sent.GetProperty("taskId").GetString()!;
        var newTask = await worker.GetAsync($"/api/tasks/{newId}", HttpStatusCode.OK);
        var task = newTask.GetProperty("task");
        Assert.Equal("六尺巷社区网格01网格员", newTask.GetProperty("people").GetProperty("u-tc-grid01").GetString());
        Assert.Equal(("report", "u-tc-grid01", "open"), (task.GetProperty("activityId").GetString(), task.GetProperty("assignee").GetString(), task.GetProperty("status").GetString()!.ToLowerInvariant()));
        var old = (await worker.GetAsync($"/api/tasks/{checkId}", HttpStatusCode.OK)).GetProperty("task");
        Assert.Equal("cancelled", old.GetProperty("status").GetString()!.ToLowerInvariant());
        await worker.PostAsync($"/api/tasks/{checkId}/send-back", new { toActivityId = "report" }, HttpStatusCode.Conflict);
        // One audit entry, written with the send-back's commit; the refused attempts left none.
        var admin = await _server.ClientAsync("tc-admin");
        var audit = (await admin.GetAsync($"/api/audit?action=task.send-back&subject={checkId}", HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal(["to report: 描述不完整"], audit.EnumerateArray().Select(a => a.GetProperty("data").GetString()).ToList());
    }

    [Fact]
    public async Task Fork_CityTemplate_LineageShowsTemplateChangesSinceFork()
    {
        var template = DefinitionJson.Parse(Flow("tpl-visit", "check")) with { District = null };
        await PublishTemplateAsync(template);
        var designer = await _server.ClientAsync("tc-designer");
        var yc = await _server.ClientAsync("yc-admin");

        var fork = await designer.PostAsync("/api/definitions/tpl-visit/fork", new { newKey = "tc-visit" });
        await designer.PostAsync("/api/definitions/tpl-visit/fork", new { newKey = "tc-visit" }, HttpStatusCode.Conflict);
        await designer.PostAsync("/api/definitions/no-such-template/fork", new { }, HttpStatusCode.NotFound);
        var fresh = await designer.GetAsync("/api/definitions/tc-visit/lineage", HttpStatusCode.OK);
        await PublishTemplateAsync(template with { Name = "核实流程（市级新版）" });
        var later = await designer.GetAsync("/api/definitions/tc-visit/lineage", HttpStatusCode.OK);

        Assert.Equal(("tc-visit", "tpl-visit", 1), (fork.GetProperty("key").GetString(), fork.GetProperty("templateKey").GetString(), fork.GetProperty("forkedFromVersion").GetInt32()));
        var draft = await designer.GetAsync("/api/definitions/tc-visit/draft", HttpStatusCode.OK);
        Assert.Equal("tpl-visit", draft.GetProperty("forkedFrom").GetProperty("key").GetString());
        Assert.True(fresh.GetProperty("diff").GetProperty("identical").GetBoolean());
        Assert.Contains((await designer.GetAsync("/api/templates", HttpStatusCode.OK)).EnumerateArray(), t => t.GetProperty("key").GetString() == "tpl-visit" && t.GetProperty("latestVersion").GetInt32() == 2);
        Assert.Equal((1, 2), (later.GetProperty("forkedFromVersion").GetInt32(), later.GetProperty("templateLatestVersion").GetInt32()));
        var header = later.GetProperty("diff").GetProperty("definition")[0];
        Assert.Equal(("name", "核实流程（市级新版）"), (header.GetProperty("name").GetString(), header.GetProperty("to").GetString()));
        // Another district's definition of that key does not exist for this one.
        await yc.GetAsync("/api/definitions/tc-visit/lineage", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Templates_OnlyConfiguredCityAdministratorsPublish()
    {
        var cityAdmin = await _server.ClientAsync("tc-admin");
        var districtAdmin = await _server.ClientAsync("yc-admin");
        var definition = JsonDocument.Parse(Flow("tpl-city", "check")).RootElement;

        await (await districtAdmin.PutAsJsonAsync("/api/templates/tpl-city/draft", new { revision = 0, definition })).JsonAsync(HttpStatusCode.Forbidden);
        var saved = await (await cityAdmin.PutAsJsonAsync("/api/templates/tpl-city/draft", new { revision = 0, definition })).JsonAsync(HttpStatusCode.OK);
        var published = await cityAdmin.PostAsync("/api/templates/tpl-city/publish", new { revision = saved.GetProperty("revision").GetInt64(), note = "市级模板" });

        Assert.Equal(1, published.GetProperty("version").GetInt32());
        Assert.False(published.TryGetProperty("district", out _));
        // Both districts may fork it.
        await districtAdmin.PostAsync("/api/definitions/tpl-city/fork", new { }, HttpStatusCode.OK);
    }

    private async Task PublishTemplateAsync(WorkflowDefinition template)
    {
        using var scope = _server.Services.CreateScope();
        var service = new DefinitionService(scope.ServiceProvider.GetRequiredService<FlowGovDatabase>(), DistrictScope.AllDistricts,
            scope.ServiceProvider.GetRequiredService<FlowGov.Core.Runtime.DefinitionCompiler>(), TimeProvider.System);
        var actor = new AuditActor("city-admin", "test");
        var draft = await service.GetDraftAsync(null, template.Key);
        var revision = await service.SaveDraftAsync(template, draft?.Revision ?? 0, actor);
        await service.PublishAsync(null, template.Key, revision, "city template", actor);
    }
}
