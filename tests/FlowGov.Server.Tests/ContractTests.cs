using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlowGov.Server.Tests.Support;

namespace FlowGov.Server.Tests;

/// <summary>
/// The endpoints the browser app is written against: form evaluation, notifications, startable
/// processes, calendars, reports and draft test runs — shapes, permissions and district isolation.
/// </summary>
public abstract class ContractScenarios(ServerFactory server)
{
    private const string PreviewForm = """
    {
      "key": "preview",
      "title": "预览",
      "fields": [
        { "key": "scale", "label": "规模", "kind": "radio", "options": ["small", "big"], "required": true },
        { "key": "reason", "label": "原因", "kind": "text", "visibleWhen": "form.scale == 'big'", "required": true },
        { "key": "count", "label": "数量", "kind": "number" },
        { "key": "twice", "label": "两倍", "kind": "number", "compute": "form.count * 2" }
      ]
    }
    """;

    [Fact]
    public async Task FormsEvaluate_InlineForm_ReturnsFieldStatesComputedValuesAndErrors()
    {
        var designer = await server.ClientAsync("tc-designer");
        var form = JsonDocument.Parse(PreviewForm).RootElement;

        var small = await designer.PostAsync("/api/forms/evaluate", new { form, values = new { scale = "small", count = 3 } });
        Assert.True(small.GetProperty("isValid").GetBoolean(), small.ToString());
        var reason = small.GetProperty("fields").GetProperty("reason");
        Assert.False(reason.GetProperty("visible").GetBoolean());
        Assert.Equal(JsonValueKind.Null, reason.GetProperty("error").ValueKind);
        Assert.Equal("reason", reason.GetProperty("path").GetString());
        Assert.Equal(6, small.GetProperty("fields").GetProperty("twice").GetProperty("value").GetDouble());
        Assert.Equal(6, small.GetProperty("values").GetProperty("twice").GetDouble());
        var scale = small.GetProperty("fields").GetProperty("scale");
        Assert.Equal("radio", scale.GetProperty("kind").GetString());
        Assert.Equal(2, scale.GetProperty("options").GetArrayLength());
        Assert.Equal("small", scale.GetProperty("options")[0].GetProperty("value").GetString());

        var big = await designer.PostAsync("/api/forms/evaluate", new { form, values = new { scale = "big" } });
        Assert.False(big.GetProperty("isValid").GetBoolean());
        var bigReason = big.GetProperty("fields").GetProperty("reason");
        Assert.True(bigReason.GetProperty("visible").GetBoolean());
        Assert.True(bigReason.GetProperty("required").GetBoolean());
        Assert.Equal("reason", bigReason.GetProperty("error").GetProperty("path").GetString());
        var error = Assert.Single(big.GetProperty("errors").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("messageEn").GetString()));
    }

    [Fact]
    public async Task FormsEvaluate_BrokenScriptOrWrongRole_ProblemNamesFieldPropertyAndLine()
    {
        var designer = await server.ClientAsync("tc-designer");
        var broken = PreviewForm.Replace("form.scale == 'big'", "form.scale == ", StringComparison.Ordinal);
        var problem = await designer.PostAsync("/api/forms/evaluate", new { form = JsonDocument.Parse(broken).RootElement, values = new { } }, HttpStatusCode.BadRequest);
        Api.AssertProblem(problem, 400);
        var first = problem.GetProperty("errors")[0];
        Assert.Equal("reason", first.GetProperty("field").GetString());
        Assert.Equal("visibleWhen", first.GetProperty("property").GetString());
        Assert.True(first.TryGetProperty("line", out _), problem.ToString());

        // Unsaved forms and drafts are the designer's; grid workers evaluate published forms only.
        var worker = await server.ClientAsync("tc-grid01");
        await worker.PostAsync("/api/forms/evaluate", new { form = JsonDocument.Parse(PreviewForm).RootElement, values = new { } }, HttpStatusCode.Forbidden);
        await worker.PostAsync("/api/forms/evaluate", new { definitionKey = TestDefinitions.GridEventKey, version = 0, formKey = "report", values = new { } }, HttpStatusCode.Forbidden);
        var neither = await designer.PostAsync("/api/forms/evaluate", new { values = new { } }, HttpStatusCode.BadRequest);
        Assert.Equal("definitionKey", neither.GetProperty("field").GetString());
    }

    [Fact]
    public async Task FormsEvaluate_StoredAndTaskForms_UsePinnedVersionAndStayInDistrict()
    {
        var designer = await server.ClientAsync("tc-designer");
        var worker = await server.ClientAsync("tc-grid01");
        var version = await PublishOnceAsync(designer, TestDefinitions.GridEventKey, TestDefinitions.GridEvent);

        var stored = await worker.PostAsync("/api/forms/evaluate", new { definitionKey = TestDefinitions.GridEventKey, version, formKey = "report", values = new { summary = "路灯不亮", level = "small" } });
        Assert.True(stored.GetProperty("isValid").GetBoolean(), stored.ToString());
        await worker.PostAsync("/api/forms/evaluate", new { definitionKey = TestDefinitions.GridEventKey, version, formKey = "nope", values = new { } }, HttpStatusCode.NotFound);

        var started = await worker.PostAsync("/api/instances", new { definitionKey = TestDefinitions.GridEventKey, input = new { gridId = "tc-wc-lcx-g01" } }, HttpStatusCode.Created);
        var taskId = started.GetProperty("openTasks")[0].GetProperty("id").GetString()!;
        var missing = await worker.PostAsync($"/api/tasks/{taskId}/evaluate", new { values = new { level = "big" } });
        Assert.False(missing.GetProperty("isValid").GetBoolean());
        Assert.Equal("summary", missing.GetProperty("fields").GetProperty("summary").GetProperty("error").GetProperty("path").GetString());
        var complete = await worker.PostAsync($"/api/tasks/{taskId}/evaluate", new { values = new { summary = "井盖缺失", level = "big" } });
        Assert.True(complete.GetProperty("isValid").GetBoolean(), complete.ToString());

        // District B cannot evaluate district A's task or stored form, and learns nothing from trying.
        var foreign = await server.ClientAsync("yc-admin");
        var hidden = await (await foreign.PostAsJsonAsync($"/api/tasks/{taskId}/evaluate", new { values = new { } })).Content.ReadAsStringAsync();
        Assert.Contains("404", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("事件描述", hidden, StringComparison.Ordinal);
        await foreign.PostAsync("/api/forms/evaluate", new { definitionKey = TestDefinitions.GridEventKey, version, formKey = "report", values = new { } }, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Notifications_NotifyActivitiesAndNudges_ReachUsersAndRolesAtUnitsWithReadState()
    {
        var designer = await server.ClientAsync("tc-designer");
        var grid01 = await server.ClientAsync("tc-grid01");
        var grid02 = await server.ClientAsync("tc-grid02");
        var supervisor = await server.ClientAsync("tc-supervisor");
        await PublishOnceAsync(designer, ContractDefinitions.NotifyKey, ContractDefinitions.Notify);
        var started = await grid01.PostAsync("/api/instances", new { definitionKey = ContractDefinitions.NotifyKey }, HttpStatusCode.Created);
        var instanceId = started.GetProperty("instance").GetProperty("id").GetString()!;
        var taskId = started.GetProperty("openTasks")[0].GetProperty("id").GetString()!;
        await supervisor.PostAsync($"/api/tasks/{taskId}/nudge", new { message = "请尽快确认" }, HttpStatusCode.Accepted);

        var page = await grid01.GetAsync("/api/notifications?pageSize=50", HttpStatusCode.OK);
        var mine = page.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("instanceId").GetString() == instanceId).ToList();
        Assert.Equal(2, mine.Count(n => n.GetProperty("kind").GetString() == "notify"));
        Assert.Equal(3, mine.Count);
        Assert.Contains(mine, n => n.GetProperty("title").GetString() == "网格通知");
        var nudge = mine.Single(n => n.GetProperty("kind").GetString() == "nudge");
        Assert.Equal(taskId, nudge.GetProperty("taskId").GetString());
        Assert.All(mine, n => Assert.False(n.TryGetProperty("readAt", out var r) && r.ValueKind != JsonValueKind.Null));

        // A grid worker of another grid gets neither the user's nor grid 01's notices.
        var other = await grid02.GetAsync("/api/notifications", HttpStatusCode.OK);
        Assert.DoesNotContain(other.GetProperty("items").EnumerateArray(), n => n.GetProperty("instanceId").GetString() == instanceId);
        var firstId = mine[0].GetProperty("id").GetString()!;
        await grid02.PostAsync($"/api/notifications/{firstId}/read", null, HttpStatusCode.NotFound);

        var before = (await grid01.GetAsync("/api/notifications/count", HttpStatusCode.OK)).GetProperty("unread").GetInt32();
        var read = await grid01.PostAsync($"/api/notifications/{firstId}/read", (object?)null);
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("readAt").ValueKind);
        await grid01.PostAsync($"/api/notifications/{firstId}/read", (object?)null);
        Assert.Equal(before - 1, (await grid01.GetAsync("/api/notifications/count", HttpStatusCode.OK)).GetProperty("unread").GetInt32());
        var unread = await grid01.GetAsync("/api/notifications?unreadOnly=true", HttpStatusCode.OK);
        Assert.DoesNotContain(unread.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetString() == firstId);

        // Another district sees none of it.
        var foreign = await server.ClientAsync("yc-grid01");
        Assert.Equal(0, (await foreign.GetAsync("/api/notifications", HttpStatusCode.OK)).GetProperty("total").GetInt32());
        await foreign.PostAsync($"/api/notifications/{firstId}/read", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Startable_PublishedDefinitions_FilteredByStartRolesWithStartForm()
    {
        var designer = await server.ClientAsync("tc-designer");
        await PublishOnceAsync(designer, ContractDefinitions.NotifyKey, ContractDefinitions.Notify);
        await PublishOnceAsync(designer, ContractDefinitions.HandlersOnlyKey, ContractDefinitions.HandlersOnly);
        await PublishOnceAsync(designer, TestDefinitions.GridEventKey, TestDefinitions.GridEvent);

        var worker = await (await server.ClientAsync("tc-grid01")).GetAsync("/api/definitions/startable", HttpStatusCode.OK);
        var notify = worker.EnumerateArray().Single(d => d.GetProperty("key").GetString() == ContractDefinitions.NotifyKey);
        Assert.Equal("测试", notify.GetProperty("category").GetString());
        Assert.True(notify.GetProperty("version").GetInt32() >= 1);
        Assert.Equal("事件上报", worker.EnumerateArray().Single(d => d.GetProperty("key").GetString() == TestDefinitions.GridEventKey).GetProperty("startForm").GetProperty("title").GetString());
        Assert.DoesNotContain(worker.EnumerateArray(), d => d.GetProperty("key").GetString() == ContractDefinitions.HandlersOnlyKey);

        var handler = await (await server.ClientAsync("tc-municipal")).GetAsync("/api/definitions/startable", HttpStatusCode.OK);
        Assert.Contains(handler.EnumerateArray(), d => d.GetProperty("key").GetString() == ContractDefinitions.HandlersOnlyKey);
        Assert.DoesNotContain(handler.EnumerateArray(), d => d.GetProperty("key").GetString() == ContractDefinitions.NotifyKey);

        var viewer = await (await server.ClientAsync("tc-viewer")).GetAsync("/api/definitions/startable", HttpStatusCode.OK);
        Assert.Equal(0, viewer.GetArrayLength());
        var foreign = await (await server.ClientAsync("yc-admin")).GetAsync("/api/definitions/startable", HttpStatusCode.OK);
        Assert.DoesNotContain(foreign.EnumerateArray(), d => d.GetProperty("key").GetString()!.EndsWith("-test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calendars_AdminPutsYear_ReadBackAndIsolatedPerDistrict()
    {
        var admin = await server.ClientAsync("tc-admin");
        var body = new { year = 2027, timeZone = "Asia/Shanghai", holidays = new[] { "2027-01-01", "2027-10-01", "2027-10-04" }, workdays = new[] { "2027-09-26" }, weekend = new[] { 0, 6 } };
        var put = await SendAsync(admin, HttpMethod.Put, "/api/calendars/2027", body, HttpStatusCode.OK);
        Assert.Equal(3, put.GetProperty("holidays").GetArrayLength());
        var got = await (await server.ClientAsync("tc-grid01")).GetAsync("/api/calendars/2027", HttpStatusCode.OK);
        Assert.Equal(["2027-01-01", "2027-10-01", "2027-10-04"], got.GetProperty("holidays").EnumerateArray().Select(d => d.GetString()!).ToArray());
        Assert.Equal("2027-09-26", Assert.Single(got.GetProperty("workdays").EnumerateArray()).GetString());
        Assert.Equal([0, 6], got.GetProperty("weekend").EnumerateArray().Select(d => d.GetInt32()).ToArray());
        Assert.Equal("Asia/Shanghai", got.GetProperty("timeZone").GetString());

        // Putting the year again replaces it.
        await SendAsync(admin, HttpMethod.Put, "/api/calendars/2027", body with { holidays = ["2027-01-01"], workdays = [] }, HttpStatusCode.OK);
        got = await admin.GetAsync("/api/calendars/2027", HttpStatusCode.OK);
        Assert.Equal("2027-01-01", Assert.Single(got.GetProperty("holidays").EnumerateArray()).GetString());
        Assert.Equal(0, got.GetProperty("workdays").GetArrayLength());

        // Only admins write; bad days are named; the other district's calendar is its own.
        await SendAsync(await server.ClientAsync("tc-grid01"), HttpMethod.Put, "/api/calendars/2027", body, HttpStatusCode.Forbidden);
        var wrongYear = await SendAsync(admin, HttpMethod.Put, "/api/calendars/2027", body with { holidays = ["2026-01-01"] }, HttpStatusCode.BadRequest);
        Assert.Equal("holidays", wrongYear.GetProperty("field").GetString());
        var zone = await SendAsync(admin, HttpMethod.Put, "/api/calendars/2027", body with { timeZone = "Mars/Olympus" }, HttpStatusCode.BadRequest);
        Assert.Equal("timeZone", zone.GetProperty("field").GetString());
        var foreign = await (await server.ClientAsync("yc-admin")).GetAsync("/api/calendars/2027", HttpStatusCode.OK);
        Assert.DoesNotContain(foreign.GetProperty("holidays").EnumerateArray(), d => d.GetString() == "2027-10-04");
    }

    [Fact]
    public async Task Reports_SatisfactionThroughputOverdueAndCsv_CountOwnDistrictOnly()
    {
        var designer = await server.ClientAsync("tc-designer");
        var worker = await server.ClientAsync("tc-grid01");
        var supervisor = await server.ClientAsync("tc-supervisor");
        var version = await PublishOnceAsync(designer, "rated-test", RatedDefinition);
        foreach (var rating in new[] { 5, 5, 3 })
        {
            var started = await worker.PostAsync("/api/instances", new { definitionKey = "rated-test", version }, HttpStatusCode.Created);
            var taskId = started.GetProperty("openTasks")[0].GetProperty("id").GetString()!;
            await worker.PostAsync($"/api/tasks/{taskId}/submit", new { values = new { satisfaction = rating } });
        }

        var satisfaction = await supervisor.GetAsync("/api/reports/satisfaction", HttpStatusCode.OK);
        Assert.Contains(satisfaction.EnumerateArray(), r => r.GetProperty("rating").GetInt32() == 5 && r.GetProperty("count").GetInt32() >= 2);
        var throughput = await supervisor.GetAsync("/api/reports/throughput", HttpStatusCode.OK);
        var rated = throughput.EnumerateArray().Single(r => r.GetProperty("definitionKey").GetString() == "rated-test");
        Assert.Equal(3, rated.GetProperty("started").GetInt32());
        Assert.Equal(3, rated.GetProperty("completed").GetInt32());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", rated.GetProperty("day").GetString());
        var scoped = await supervisor.GetAsync("/api/reports/throughput?orgUnitId=tc-lt", HttpStatusCode.OK);
        Assert.DoesNotContain(scoped.EnumerateArray(), r => r.GetProperty("definitionKey").GetString() == "rated-test");
        var unknownUnit = await supervisor.GetAsync("/api/reports/counts?orgUnitId=yc-dd", HttpStatusCode.BadRequest);
        Assert.Equal("orgUnitId", unknownUnit.GetProperty("field").GetString());
        Assert.Equal(JsonValueKind.Array, (await supervisor.GetAsync("/api/reports/overdue", HttpStatusCode.OK)).ValueKind);

        var csv = await supervisor.GetStringAsync(new Uri("/api/reports/throughput.csv", UriKind.Relative));
        Assert.StartsWith("definition_key,day,started,completed", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("rated-test,", csv, StringComparison.Ordinal);
        foreach (var name in new[] { "counts", "sla", "satisfaction", "overdue" })
        {
            using var response = await supervisor.GetAsync(new Uri($"/api/reports/{name}.csv", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        }

        await supervisor.GetAsync("/api/reports/nope.csv", HttpStatusCode.NotFound);
        var foreign = await server.ClientAsync("yc-admin");
        foreach (var url in new[] { "/api/reports/satisfaction", "/api/reports/throughput", "/api/reports/overdue", "/api/reports/throughput.csv" })
        {
            var text = await foreign.GetStringAsync(new Uri(url, UriKind.Relative));
            Assert.DoesNotContain("rated-test", text, StringComparison.Ordinal);
        }

        await (await server.ClientAsync("tc-grid01")).GetAsync("/api/reports/satisfaction", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Categories_ReportAndInboxFilter_GroupByTaxonomyLevelOfOwnDistrict()
    {
        var designer = await server.ClientAsync("tc-designer");
        var worker = await server.ClientAsync("tc-grid01");
        var handler = await server.ClientAsync("tc-municipal");
        var supervisor = await server.ClientAsync("tc-supervisor");
        var version = await PublishOnceAsync(designer, "categorised-test", CategorisedDefinition);
        foreach (var category in new[] { "zz.alpha.one.leaf", "zz.alpha.two.leaf", "zz.beta.one.leaf" })
        {
            await worker.PostAsync("/api/instances", new { definitionKey = "categorised-test", version, input = new { category } }, HttpStatusCode.Created);
        }

        var byCategory = await supervisor.GetAsync("/api/reports/categories", HttpStatusCode.OK);
        var alpha = byCategory.EnumerateArray().Single(r => r.GetProperty("category").GetString() == "zz.alpha");
        Assert.Equal(2, alpha.GetProperty("count").GetInt32());
        Assert.Equal(2, alpha.GetProperty("running").GetInt32());
        Assert.Equal(0, alpha.GetProperty("completed").GetInt32());
        Assert.Equal(1, byCategory.EnumerateArray().Single(r => r.GetProperty("category").GetString() == "zz.beta").GetProperty("count").GetInt32());
        var byDuty = await supervisor.GetAsync("/api/reports/categories?depth=1", HttpStatusCode.OK);
        Assert.Equal(3, byDuty.EnumerateArray().Single(r => r.GetProperty("category").GetString() == "zz").GetProperty("count").GetInt32());
        var byItem = await supervisor.GetAsync("/api/reports/categories?depth=4", HttpStatusCode.OK);
        Assert.Equal(1, byItem.EnumerateArray().Single(r => r.GetProperty("category").GetString() == "zz.alpha.two.leaf").GetProperty("count").GetInt32());
        var otherStreet = await supervisor.GetAsync("/api/reports/categories?orgUnitId=tc-lt", HttpStatusCode.OK);
        Assert.DoesNotContain(otherStreet.EnumerateArray(), r => r.GetProperty("category").GetString()!.StartsWith("zz", StringComparison.Ordinal));
        var lastYear = await supervisor.GetAsync("/api/reports/categories?from=2020-01-01&to=2020-12-31", HttpStatusCode.OK);
        Assert.Equal(0, lastYear.GetArrayLength());

        var csv = await supervisor.GetStringAsync(new Uri("/api/reports/categories.csv?depth=1", UriKind.Relative));
        Assert.StartsWith("category,count,running,completed", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("zz,3,3,0", csv, StringComparison.Ordinal);
        Assert.DoesNotContain((await (await server.ClientAsync("yc-admin")).GetAsync("/api/reports/categories?depth=1", HttpStatusCode.OK)).EnumerateArray(),
            r => r.GetProperty("category").GetString() == "zz");

        // The inbox filter takes any level of the taxonomy, matched by whole segments.
        async Task<int> InboxCount(string category) =>
            (await handler.GetAsync($"/api/tasks/inbox?definitionKey=categorised-test&category={category}", HttpStatusCode.OK)).GetProperty("total").GetInt32();
        Assert.Equal(3, await InboxCount("zz"));
        Assert.Equal(2, await InboxCount("zz.alpha"));
        Assert.Equal(1, await InboxCount("zz.beta.one.leaf"));
        Assert.Equal(0, await InboxCount("zz.alp"));
    }

    [Fact]
    public async Task Roles_ListBuiltInRolesAndTheOnesTheDistrictGaveOut()
    {
        var admin = await server.ClientAsync("tc-admin");
        // A new user holds it: a demo account with an extra role would change what other facts see it start.
        await admin.PostAsync("/api/users", new { userName = "volunteer-roles", displayName = "志愿者", password = "volunteer-password-1", roles = new[] { new { role = "volunteer-test", orgUnitId = "tc-wc-lcx" } } }, HttpStatusCode.Created);

        var roles = (await (await server.ClientAsync("tc-designer")).GetAsync("/api/roles", HttpStatusCode.OK)).EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal(["admin", "designer", "grid-worker"], roles.Take(3));
        Assert.Contains("party-member", roles);
        Assert.Contains("street-officer", roles);
        Assert.Contains("resident", roles);
        Assert.Contains("volunteer-test", roles);
        Assert.Equal(roles.Count, roles.Distinct().Count());
        var foreign = (await (await server.ClientAsync("yc-admin")).GetAsync("/api/roles", HttpStatusCode.OK)).EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.DoesNotContain("volunteer-test", foreign);
    }

    [Fact]
    public async Task TestRun_Draft_StartsHiddenVersionTheDesignerCanWorkAndReportsIgnore()
    {
        var designer = await server.ClientAsync("tc-designer");
        var key = "draft-run-test";
        var definition = JsonDocument.Parse(TestDefinitions.GridEvent.Replace(TestDefinitions.GridEventKey, key, StringComparison.Ordinal)
            .Replace("\"assignee\": { \"js\": \"instance.startedBy\" }", "\"candidateRoles\": [\"grid-worker\"], \"candidateUnit\": { \"js\": \"vars.gridId\" }", StringComparison.Ordinal)).RootElement;
        using (var save = new HttpRequestMessage(HttpMethod.Put, $"/api/definitions/{key}/draft") { Content = JsonContent.Create(new { revision = 0, definition }) })
        {
            await (await designer.SendAsync(save)).JsonAsync(HttpStatusCode.OK);
        }

        var run = await designer.PostAsync($"/api/definitions/{key}/draft/test-runs", new { input = new { gridId = "tc-wc-lcx-g01" } }, HttpStatusCode.Created);
        var instanceId = run.GetProperty("instanceId").GetString()!;
        var again = await designer.PostAsync($"/api/definitions/{key}/draft/test-runs", new { input = new { gridId = "tc-wc-lcx-g01" } }, HttpStatusCode.Created);
        Assert.Equal(run.GetProperty("version").GetInt32(), again.GetProperty("version").GetInt32());
        Assert.True(run.GetProperty("version").GetInt32() < 0);

        var detail = await designer.GetAsync($"/api/instances/{instanceId}", HttpStatusCode.OK);
        Assert.True(detail.GetProperty("instance").GetProperty("test").GetBoolean());
        var taskId = detail.GetProperty("openTasks")[0].GetProperty("id").GetString()!;

        // The designer holds no grid-worker role, yet works the test run's task through the normal endpoint.
        var submitted = await designer.PostAsync($"/api/tasks/{taskId}/submit", new { outcome = "submit", values = new { summary = "测试", level = "small" } });
        Assert.Equal("running", submitted.GetProperty("instanceStatus").GetString());
        var admin = await server.ClientAsync("tc-admin");
        var list = await admin.GetAsync($"/api/instances?definitionKey={key}", HttpStatusCode.OK);
        Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("test").GetBoolean()));

        // Hidden: not a version, not startable, not counted.
        await admin.GetAsync($"/api/definitions/{key}/versions", HttpStatusCode.NotFound);
        await (await server.ClientAsync("tc-grid01")).PostAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.NotFound);
        Assert.DoesNotContain(key, (await admin.GetAsync("/api/reports/counts", HttpStatusCode.OK)).ToString(), StringComparison.Ordinal);

        // Nobody else may start test runs; another district cannot see the draft.
        await (await server.ClientAsync("tc-grid01")).PostAsync($"/api/definitions/{key}/draft/test-runs", new { input = new { } }, HttpStatusCode.Forbidden);
        await (await server.ClientAsync("yc-admin")).PostAsync($"/api/definitions/{key}/draft/test-runs", new { input = new { } }, HttpStatusCode.NotFound);
        await (await server.ClientAsync("yc-admin")).GetAsync($"/api/instances/{instanceId}", HttpStatusCode.NotFound);
    }

    private const string RatedDefinition = """
    {
      "key": "rated-test",
      "name": "回访评分",
      "forms": { "visit": { "key": "visit", "title": "回访", "fields": [ { "key": "satisfaction", "label": "满意度", "kind": "rating", "required": true, "min": 1, "max": 5 } ] } },
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "visit", "type": "UserTask", "properties": { "formKey": "visit", "assignee": { "js": "instance.startedBy" } } },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "from": "start", "to": "visit" }, { "from": "visit", "to": "end" } ]
    }
    """;

    private const string CategorisedDefinition = """
    {
      "key": "categorised-test",
      "name": "分类统计",
      "variables": [ { "name": "category", "type": "string" } ],
      "forms": { "handle": { "key": "handle", "title": "办理", "fields": [ { "key": "result", "label": "结果", "kind": "text" } ] } },
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "handle", "type": "UserTask", "properties": { "formKey": "handle", "candidateRoles": ["department-handler"] } },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "from": "start", "to": "handle" }, { "from": "handle", "to": "end" } ]
    }
    """;

    /// <summary>Facts share one server (and run one at a time): publish each definition the first time it is needed.</summary>
    private static async Task<int> PublishOnceAsync(HttpClient designer, string key, string json)
    {
        using var response = await designer.GetAsync(new Uri($"/api/definitions/{key}/versions", UriKind.Relative));
        var versions = response.IsSuccessStatusCode ? await response.JsonAsync(HttpStatusCode.OK) : default;
        return versions.ValueKind == JsonValueKind.Array && versions.GetArrayLength() > 0
            ? versions[versions.GetArrayLength() - 1].GetProperty("version").GetInt32()
            : await Api.PublishAsync(designer, json);
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string url, object body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        return await (await client.SendAsync(request)).JsonAsync(expected);
    }
}

/// <summary>The scenarios on a SQLite file (the default store).</summary>
public sealed class ContractTests(ServerFactory server) : ContractScenarios(server), IClassFixture<ServerFactory>;

/// <summary>The scenarios on a throwaway PostgreSQL server.</summary>
public sealed class PostgresContractTests(PostgresServerFactory postgres) : ContractScenarios(postgres.Server), IClassFixture<PostgresServerFactory>;
