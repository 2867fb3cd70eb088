using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlowGov.Server.Tests.Support;

namespace FlowGov.Server.Tests;

/// <summary>Malformed, mistyped, oversized and unknown input: always a 4xx ProblemDetails that says what is wrong, never a 5xx.</summary>
public sealed class BadInputTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    public static TheoryData<string, string, string?, string, int> Corpus => new()
    {
        { "POST", "/api/instances", "{", "application/json", 400 },
        { "POST", "/api/instances", "[]", "application/json", 400 },
        { "POST", "/api/instances", "{\"definitionKey\": 5}", "application/json", 400 },
        { "POST", "/api/instances", "{\"definitionKey\": \"grid-event-test\", \"surprise\": 1}", "application/json", 400 },
        { "POST", "/api/instances", "{\"definitionKey\": \"no-such-process\"}", "application/json", 404 },
        { "POST", "/api/instances", "{\"definitionKey\": \"\"}", "application/json", 400 },
        { "POST", "/api/instances", "{\"definitionKey\": \"grid-event-test\", \"version\": \"one\"}", "application/json", 400 },
        { "POST", "/api/instances", "{\"definitionKey\": \"grid-event-test\", \"version\": 99}", "application/json", 404 },
        { "POST", "/api/instances", "definitionKey=x", "application/x-www-form-urlencoded", 415 },
        { "GET", "/api/instances/no-such-instance", null, "", 404 },
        { "GET", "/api/instances?status=bogus", null, "", 400 },
        { "GET", "/api/instances?page=abc", null, "", 400 },
        { "POST", "/api/instances/no-such-instance/cancel", "{}", "application/json", 404 },
        { "GET", "/api/tasks/no-such-task", null, "", 404 },
        { "POST", "/api/tasks/no-such-task/submit", "{\"outcome\": \"submit\"}", "application/json", 404 },
        { "POST", "/api/tasks/no-such-task/submit", "{\"outcome\": 7}", "application/json", 400 },
        { "GET", "/api/tasks/inbox?scope=everything", null, "", 400 },
        { "POST", "/api/definitions/validate", "{\"definition\": \"not an object\"}", "application/json", 400 },
        { "POST", "/api/definitions/validate", "{\"definition\": {\"key\": 1}}", "application/json", 400 },
        { "PUT", "/api/definitions/grid-event-test/draft", "{\"revision\": \"abc\", \"definition\": {}}", "application/json", 400 },
        { "PUT", "/api/definitions/Bad Key/draft", "{\"revision\": 0, \"definition\": {\"key\": \"Bad Key\", \"name\": \"x\"}}", "application/json", 400 },
        { "PUT", "/api/definitions/other/draft", "{\"revision\": 0, \"definition\": {\"key\": \"mismatch\", \"name\": \"x\"}}", "application/json", 400 },
        { "POST", "/api/definitions/no-such/publish", "{\"revision\": 1, \"note\": \"x\"}", "application/json", 404 },
        { "POST", "/api/definitions/grid-event-test/publish", "{\"revision\": 1}", "application/json", 400 },
        { "GET", "/api/definitions/grid-event-test/diff?from=1&to=42", null, "", 404 },
        { "GET", "/api/definitions/grid-event-test/diff?from=x&to=1", null, "", 400 },
        { "POST", "/api/definitions/import", "{\"format\": \"zip\", \"exportedAt\": \"2026-01-01T00:00:00Z\", \"definitions\": []}", "application/json", 400 },
        { "POST", "/api/users", "{}", "application/json", 400 },
        { "POST", "/api/users", "{\"userName\": \"new-user\", \"displayName\": \"新人\", \"password\": \"short\"}", "application/json", 400 },
        { "POST", "/api/users", "{\"userName\": \"tc-grid01\", \"displayName\": \"重名\", \"password\": \"long-enough-1\"}", "application/json", 409 },
        { "POST", "/api/users/u-tc-grid01/roles", "{\"role\": \"Boss!\", \"orgUnitId\": \"tongcheng\"}", "application/json", 400 },
        { "POST", "/api/users/u-tc-grid01/roles", "{\"role\": \"viewer\", \"orgUnitId\": \"nowhere\"}", "application/json", 400 },
        { "POST", "/api/users/u-tc-grid01/tokens", "{\"name\": \"\"}", "application/json", 400 },
        { "POST", "/api/org-units", "{\"id\": \"Bad Id\", \"parentId\": \"tongcheng\", \"kind\": \"grid\", \"name\": \"x\"}", "application/json", 400 },
        { "POST", "/api/org-units", "{\"id\": \"tc-x\", \"parentId\": \"tongcheng\", \"kind\": \"galaxy\", \"name\": \"x\"}", "application/json", 400 },
        { "DELETE", "/api/org-units/tongcheng", null, "", 409 },
        { "GET", "/api/reports/counts?from=2026-13-01", null, "", 400 },
        { "GET", "/api/reports/counts?from=2026-03-02&to=2026-03-01", null, "", 400 },
        { "POST", "/api/signals", "{\"signal\": \"\", \"correlation\": \"x\"}", "application/json", 400 },
        { "POST", "/api/auth/login", "{\"userName\": \"tc-admin\"}", "application/json", 400 },
        { "GET", "/api/org-units/no-such-unit", null, "", 404 },
        { "PATCH", "/api/org-units/tc-wc", "{\"name\": 5}", "application/json", 400 },
        { "GET", "/api/users/no-such-user", null, "", 404 },
        { "PATCH", "/api/users/u-tc-grid01", "{\"isActive\": \"yes\"}", "application/json", 400 },
        { "DELETE", "/api/users/u-tc-grid01/roles/999999", null, "", 404 },
        { "GET", "/api/users/no-such-user/tokens", null, "", 404 },
        { "DELETE", "/api/users/u-tc-grid01/tokens/no-such-token", null, "", 404 },
        { "GET", "/api/definitions/no-such/draft", null, "", 404 },
        { "DELETE", "/api/definitions/no-such/draft?revision=1", null, "", 404 },
        { "GET", "/api/definitions/no-such/versions", null, "", 404 },
        { "GET", "/api/definitions/grid-event-test/versions/99", null, "", 404 },
        { "POST", "/api/definitions/grid-event-test/versions/99/retire", null, "", 404 },
        { "POST", "/api/definitions/grid-event-test/rollback", "{\"toVersion\": \"one\", \"note\": \"x\"}", "application/json", 400 },
        { "GET", "/api/definitions/no-such/export", null, "", 404 },
        { "POST", "/api/instances/no-such-instance/incidents/i1/retry", null, "", 404 },
        { "POST", "/api/tasks/no-such-task/claim", null, "", 404 },
        { "POST", "/api/tasks/no-such-task/unclaim", null, "", 404 },
        { "POST", "/api/tasks/no-such-task/handover", "{\"userId\": 5}", "application/json", 400 },
        { "POST", "/api/tasks/no-such-task/delegate", "{\"userId\": \"u-tc-grid02\"}", "application/json", 404 },
        { "POST", "/api/tasks/no-such-task/nudge", "{\"message\": \"x\"}", "application/json", 404 },
        { "GET", "/api/tasks/no-such-task/comments", null, "", 404 },
        { "POST", "/api/tasks/no-such-task/comments", "{\"text\": 5}", "application/json", 400 },
        { "GET", "/api/audit?from=yesterday", null, "", 400 },
        { "POST", "/api/forms/evaluate", "{", "application/json", 400 },
        { "POST", "/api/forms/evaluate", "{\"values\": 5}", "application/json", 400 },
        { "POST", "/api/forms/evaluate", "{\"form\": 5, \"values\": {}}", "application/json", 400 },
        { "POST", "/api/forms/evaluate", "{\"form\": {\"fields\": \"none\"}, \"values\": {}}", "application/json", 400 },
        { "POST", "/api/forms/evaluate", "{\"definitionKey\": \"no-such\", \"version\": 1, \"formKey\": \"report\", \"values\": {}}", "application/json", 404 },
        { "POST", "/api/forms/evaluate", "{\"definitionKey\": \"grid-event-test\", \"version\": 1, \"formKey\": \"no-such-form\", \"values\": {}}", "application/json", 404 },
        { "POST", "/api/tasks/no-such-task/evaluate", "{\"values\": {}}", "application/json", 404 },
        { "POST", "/api/tasks/no-such-task/evaluate", "{\"values\": []}", "application/json", 404 },
        { "GET", "/api/notifications?page=abc", null, "", 400 },
        { "GET", "/api/notifications?unreadOnly=maybe", null, "", 400 },
        { "POST", "/api/notifications/no-such-notification/read", null, "", 404 },
        { "GET", "/api/calendars/1999", null, "", 400 },
        { "GET", "/api/calendars/next-year", null, "", 404 },
        { "PUT", "/api/calendars/2027", "{\"year\": 2026, \"timeZone\": \"Asia/Shanghai\", \"holidays\": [], \"workdays\": [], \"weekend\": [0, 6]}", "application/json", 400 },
        { "PUT", "/api/calendars/2027", "{\"year\": 2027, \"timeZone\": \"Asia/Shanghai\", \"holidays\": [\"soon\"], \"workdays\": [], \"weekend\": [0, 6]}", "application/json", 400 },
        { "PUT", "/api/calendars/2027", "{\"year\": 2027, \"timeZone\": \"Asia/Shanghai\", \"holidays\": [], \"workdays\": [], \"weekend\": [7]}", "application/json", 400 },
        { "GET", "/api/reports/satisfaction?orgUnitId=nowhere", null, "", 400 },
        { "GET", "/api/reports/throughput?from=soon", null, "", 400 },
        { "GET", "/api/reports/overdue?to=2026-02-30", null, "", 400 },
        { "GET", "/api/reports/sla?orgUnitId=yc-dd", null, "", 400 },
        { "GET", "/api/reports/nothing.csv", null, "", 404 },
        { "GET", "/api/reports/categories?depth=9", null, "", 400 },
        { "GET", "/api/reports/categories.csv?depth=0", null, "", 400 },
        { "GET", "/api/reports/overdue.csv?from=2026-03-02&to=2026-03-01", null, "", 400 },
        { "POST", "/api/definitions/no-such/draft/test-runs", "{\"input\": {}}", "application/json", 404 },
        { "POST", "/api/definitions/grid-event-test/draft/test-runs", "{\"input\": 5}", "application/json", 400 },
        { "GET", "/api/attachments/not-a-hash", null, "", 404 },
        { "POST", "/api/tasks/no-such-task/attachments?field=photo", null, "", 404 },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Request_BadInput_ProblemDetailsNot5xx(string method, string url, string? body, string contentType, int expected)
    {
        var admin = await PreparedAdminAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        using var response = await admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"{method} {url} answered {(int)response.StatusCode}, expected {expected}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Api.AssertProblem(problem, expected);
        Assert.True(problem.TryGetProperty("detail", out var detail) && detail.GetString()!.Length > 0, text);
    }

    /// <summary>Problems about one input name it in <c>field</c>, so a form can put the message beside it.</summary>
    public static TheoryData<string, string, string, string> FieldCorpus => new()
    {
        { "POST", "/api/forms/evaluate", "{\"values\": 5}", "values" },
        { "POST", "/api/forms/evaluate", "{\"form\": 5, \"values\": {}}", "form" },
        { "POST", "/api/forms/evaluate", "{\"formKey\": \"report\", \"values\": {}}", "definitionKey" },
        { "POST", "/api/forms/evaluate", "{\"definitionKey\": \"grid-event-test\", \"values\": {}}", "formKey" },
        { "GET", "/api/calendars/1999", "", "year" },
        { "PUT", "/api/calendars/2027", "{\"year\": 2026, \"timeZone\": \"Asia/Shanghai\", \"holidays\": [], \"workdays\": [], \"weekend\": [0, 6]}", "year" },
        { "PUT", "/api/calendars/2027", "{\"year\": 2027, \"timeZone\": \"Asia/Shanghai\", \"holidays\": [\"2028-01-01\"], \"workdays\": [], \"weekend\": [0, 6]}", "holidays" },
        { "PUT", "/api/calendars/2027", "{\"year\": 2027, \"timeZone\": \"Asia/Shanghai\", \"holidays\": [], \"workdays\": [], \"weekend\": [0, 0]}", "weekend" },
        { "PUT", "/api/calendars/2027", "{\"year\": 2027, \"timeZone\": \"Nowhere/Else\", \"holidays\": [], \"workdays\": [], \"weekend\": [0, 6]}", "timeZone" },
        { "GET", "/api/reports/satisfaction?orgUnitId=nowhere", "", "orgUnitId" },
        { "GET", "/api/reports/categories?depth=5", "", "depth" },
        { "GET", "/api/reports/counts?from=2026-03-02&to=2026-03-01", "", "from" },
        { "POST", "/api/definitions/grid-event-test/draft/test-runs", "{\"input\": 5}", "input" },
        { "GET", "/api/tasks/inbox?scope=everything", "", "scope" },
        { "POST", "/api/signals", "{\"signal\": \"\", \"correlation\": \"x\"}", "signal" },
        { "POST", "/api/instances", "{\"definitionKey\": \"\"}", "definitionKey" },
        { "POST", "/api/instances", "{\"definitionKey\": \"grid-event-test\", \"orgUnit\": \"tc-wc-lcx-g02\"}", "orgUnit" },
    };

    [Theory]
    [MemberData(nameof(FieldCorpus))]
    public async Task Request_BadField_ProblemNamesTheField(string method, string url, string body, string field)
    {
        var admin = await PreparedAdminAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await admin.SendAsync(request);
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("field", out var named) && named.GetString() == field, $"{method} {url}: expected field '{field}': {problem}");
    }

    [Fact]
    public async Task Submit_OversizedBody_PayloadTooLarge()
    {
        var admin = await PreparedAdminAsync();
        var huge = "{\"outcome\": \"submit\", \"values\": {\"summary\": \"" + new string('x', 2 * 1024 * 1024) + "\"}}";
        using var response = await admin.PostAsync(new Uri("/api/tasks/whatever/submit", UriKind.Relative), new StringContent(huge, Encoding.UTF8, "application/json"));
        var problem = await response.JsonAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_InvalidDefinition_UnprocessableNamingTheActivity()
    {
        var designer = await server.ClientAsync("tc-designer");
        var definition = JsonDocument.Parse("""{"key":"broken-flow","name":"坏流程","activities":[{"id":"start","type":"Start"},{"id":"oops","type":"NoSuchType"}],"connections":[{"from":"start","to":"oops"}]}""").RootElement;
        var saved = await (await designer.PutAsJsonAsync("/api/definitions/broken-flow/draft", new { revision = 0, definition })).JsonAsync(HttpStatusCode.OK);
        var problem = await designer.PostAsync("/api/definitions/broken-flow/publish", new { revision = saved.GetProperty("revision").GetInt64(), note = "try" }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(problem.GetProperty("problems").EnumerateArray(), p => p.GetProperty("activityId").GetString() == "oops");
        var validation = await designer.PostAsync("/api/definitions/validate", new { definition });
        Assert.False(validation.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task SaveDraft_StaleRevision_ConflictWithCurrentRevision()
    {
        var designer = await server.ClientAsync("tc-designer");
        var definition = JsonDocument.Parse(TestDefinitions.GridEvent.Replace(TestDefinitions.GridEventKey, "stale-draft", StringComparison.Ordinal)).RootElement;
        await (await designer.PutAsJsonAsync("/api/definitions/stale-draft/draft", new { revision = 0, definition })).JsonAsync(HttpStatusCode.OK);
        await (await designer.PutAsJsonAsync("/api/definitions/stale-draft/draft", new { revision = 1, definition })).JsonAsync(HttpStatusCode.OK);
        var problem = await (await designer.PutAsJsonAsync("/api/definitions/stale-draft/draft", new { revision = 1, definition })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(2, problem.GetProperty("currentRevision").GetInt64());
        var publish = await designer.PostAsync("/api/definitions/stale-draft/publish", new { revision = 1, note = "late" }, HttpStatusCode.Conflict);
        Assert.Equal(2, publish.GetProperty("currentRevision").GetInt64());
    }

    [Fact]
    public async Task SaveDraft_StaleRevision_ConflictNamesWhoChangedItAndWhen()
    {
        // Two designers of one district read revision 1; the administrator saves first, the designer's save is then stale.
        var designer = await server.ClientAsync("tc-designer");
        var admin = await server.ClientAsync("tc-admin");
        var definition = JsonDocument.Parse(TestDefinitions.GridEvent.Replace(TestDefinitions.GridEventKey, "stale-who", StringComparison.Ordinal)).RootElement;
        await (await designer.PutAsJsonAsync("/api/definitions/stale-who/draft", new { revision = 0, definition })).JsonAsync(HttpStatusCode.OK);
        var read = await (await designer.GetAsync(new Uri("/api/definitions/stale-who/draft", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("流程设计员（组织部）", read.GetProperty("updatedByName").GetString());
        await (await admin.PutAsJsonAsync("/api/definitions/stale-who/draft", new { revision = 1, definition })).JsonAsync(HttpStatusCode.OK);

        var problem = await (await designer.PutAsJsonAsync("/api/definitions/stale-who/draft", new { revision = 1, definition })).JsonAsync(HttpStatusCode.Conflict);
        var current = await (await designer.GetAsync(new Uri("/api/definitions/stale-who/draft", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, problem.GetProperty("currentRevision").GetInt64());
        Assert.Equal(1, problem.GetProperty("expectedRevision").GetInt64());
        Assert.Equal("桐城市管理员", problem.GetProperty("updatedByName").GetString());
        Assert.Equal(current.GetProperty("updatedBy").GetString(), problem.GetProperty("updatedBy").GetString());
        Assert.NotEqual(read.GetProperty("updatedBy").GetString(), problem.GetProperty("updatedBy").GetString());
        Assert.Equal(current.GetProperty("updatedAt").GetDateTimeOffset(), problem.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Contains("桐城市管理员", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Nothing was overwritten: the draft stays at the administrator's revision.
        Assert.Equal(2, current.GetProperty("revision").GetInt64());
        Assert.Equal("桐城市管理员", current.GetProperty("updatedByName").GetString());

        var list = await (await designer.GetAsync(new Uri("/api/definitions", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        var row = list.EnumerateArray().Single(d => d.GetProperty("key").GetString() == "stale-who");
        Assert.Equal(current.GetProperty("updatedBy").GetString(), row.GetProperty("updatedBy").GetString());
    }

    private async Task<HttpClient> PreparedAdminAsync()
    {
        var designer = await server.ClientAsync("tc-designer");
        var versions = await designer.GetAsync(new Uri($"/api/definitions/{TestDefinitions.GridEventKey}/versions", UriKind.Relative));
        if (versions.StatusCode == HttpStatusCode.NotFound)
        {
            await Api.PublishAsync(designer, TestDefinitions.GridEvent);
        }

        return await server.ClientAsync("tc-admin");
    }
}
