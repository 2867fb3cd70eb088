using System.Net;
using System.Net.Http.Json;
using FlowGov.Server.Tests.Support;

namespace FlowGov.Server.Tests;

/// <summary>
/// Users of 越城区 (yuecheng) call every endpoint on 桐城市 (tongcheng) resources: each answers 404
/// or 403 and no response carries tongcheng's data.
/// </summary>
public sealed class CrossDistrictTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    private const string Secret = "TC-SECRET-BUSINESS-KEY";

    [Fact]
    public async Task EveryEndpoint_ForeignDistrictResources_NotFoundOrForbiddenWithoutData()
    {
        // District B (tongcheng) owns an instance, a task, a definition, users, org units and a token.
        var designer = await server.ClientAsync("tc-designer");
        var worker = await server.ClientAsync("tc-grid01");
        await Api.PublishAsync(designer, TestDefinitions.GridEvent);
        var started = await worker.PostAsync("/api/instances", new { definitionKey = TestDefinitions.GridEventKey, input = new { gridId = "tc-wc-lcx-g01" }, businessKey = Secret }, HttpStatusCode.Created);
        var instanceId = started.GetProperty("instance").GetProperty("id").GetString()!;
        var taskId = started.GetProperty("openTasks")[0].GetProperty("id").GetString()!;
        using (var tcAdmin = await server.CookieClientAsync("tc-admin"))
        {
            await tcAdmin.PostAsync("/api/users/u-tc-viewer/tokens", new { name = "b-token" }, HttpStatusCode.Created);
        }

        // District B also has a notification, a draft test run and a calendar of its own.
        await (await server.ClientAsync("tc-supervisor")).PostAsync($"/api/tasks/{taskId}/nudge", new { message = Secret }, HttpStatusCode.Accepted);
        var notificationId = (await worker.GetAsync("/api/notifications", HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetString()!;
        using (var draft = new HttpRequestMessage(HttpMethod.Put, $"/api/definitions/{TestDefinitions.GridEventKey}/draft")
        {
            Content = JsonContent.Create(new { revision = 0, definition = System.Text.Json.JsonDocument.Parse(TestDefinitions.GridEvent).RootElement }),
        })
        {
            using var saved = await designer.SendAsync(draft);
        }

        var testRun = await designer.PostAsync($"/api/definitions/{TestDefinitions.GridEventKey}/draft/test-runs", new { input = new { gridId = "tc-wc-lcx-g01" } }, HttpStatusCode.Created);
        var testInstanceId = testRun.GetProperty("instanceId").GetString()!;
        var tcAdminToken = await server.ClientAsync("tc-admin");
        using (var calendar = new HttpRequestMessage(HttpMethod.Put, "/api/calendars/2027") { Content = JsonContent.Create(new { year = 2027, timeZone = "Asia/Shanghai", holidays = new[] { "2027-03-03" }, workdays = Array.Empty<string>(), weekend = new[] { 0, 6 } }) })
        {
            (await tcAdminToken.SendAsync(calendar)).EnsureSuccessStatusCode();
        }

        var key = TestDefinitions.GridEventKey;
        var calls = new (string Method, string Url, object? Body)[]
        {
            ("GET", $"/api/instances/{instanceId}", null),
            ("POST", $"/api/instances/{instanceId}/cancel", new { reason = "x" }),
            ("POST", $"/api/instances/{instanceId}/incidents/i1/retry", null),
            ("POST", "/api/instances", new { definitionKey = key }),
            ("GET", $"/api/tasks/{taskId}", null),
            ("POST", $"/api/tasks/{taskId}/claim", null),
            ("POST", $"/api/tasks/{taskId}/unclaim", null),
            ("POST", $"/api/tasks/{taskId}/submit", new { outcome = "submit", values = new { summary = "x", level = "small" } }),
            ("POST", $"/api/tasks/{taskId}/handover", new { userId = "u-yc-grid01" }),
            ("POST", $"/api/tasks/{taskId}/delegate", new { userId = "u-yc-grid01" }),
            ("POST", $"/api/tasks/{taskId}/nudge", new { message = "x" }),
            ("GET", $"/api/tasks/{taskId}/comments", null),
            ("POST", $"/api/tasks/{taskId}/comments", new { text = "x" }),
            ("POST", $"/api/tasks/{taskId}/attachments?field=summary", null),
            ("GET", $"/api/definitions/{key}/draft", null),
            ("PUT", $"/api/definitions/{key}/draft", new { revision = 1, definition = new { key, name = "x" } }),
            ("DELETE", $"/api/definitions/{key}/draft?revision=1", null),
            ("POST", $"/api/definitions/{key}/publish", new { revision = 1, note = "x" }),
            ("GET", $"/api/definitions/{key}/versions", null),
            ("GET", $"/api/definitions/{key}/versions/1", null),
            ("POST", $"/api/definitions/{key}/versions/1/retire", null),
            ("POST", $"/api/definitions/{key}/rollback", new { toVersion = 1, note = "x" }),
            ("GET", $"/api/definitions/{key}/diff?from=1&to=1", null),
            ("GET", $"/api/definitions/{key}/export", null),
            ("GET", "/api/users/u-tc-admin", null),
            ("PATCH", "/api/users/u-tc-admin", new { isActive = false }),
            ("POST", "/api/users/u-tc-admin/roles", new { role = "admin", orgUnitId = "yuecheng" }),
            ("DELETE", "/api/users/u-tc-admin/roles/1", null),
            ("GET", "/api/users/u-tc-viewer/tokens", null),
            ("POST", "/api/users/u-tc-admin/tokens", new { name = "steal" }),
            ("DELETE", "/api/users/u-tc-viewer/tokens/t-1", null),
            ("GET", "/api/org-units/tc-wc", null),
            ("PATCH", "/api/org-units/tc-wc", new { name = "x" }),
            ("DELETE", "/api/org-units/tc-wc-lcx-g03", null),
            ("POST", "/api/org-units", new { id = "yc-new", parentId = "tc-wc", kind = "grid", name = "x" }),
            ("POST", $"/api/tasks/{taskId}/evaluate", new { values = new { summary = "x" } }),
            ("POST", "/api/forms/evaluate", new { definitionKey = key, version = 1, formKey = "report", values = new { } }),
            ("POST", "/api/forms/evaluate", new { definitionKey = key, version = 0, formKey = "report", values = new { } }),
            ("POST", $"/api/notifications/{notificationId}/read", null),
            ("POST", $"/api/definitions/{key}/draft/test-runs", new { input = new { } }),
            ("GET", $"/api/instances/{testInstanceId}", null),
            ("POST", $"/api/instances/{testInstanceId}/cancel", new { reason = "x" }),
            ("GET", "/api/reports/counts?orgUnitId=tc-wc", null),
            ("GET", "/api/reports/overdue.csv?orgUnitId=tc-wc", null),
        };

        foreach (var user in new[] { "yc-admin", "yc-grid01", "yc-supervisor" })
        {
            var client = await server.ClientAsync(user);
            foreach (var (method, url, body) in calls)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body is null ? null : JsonContent.Create(body) };
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                // A foreign org unit in a report filter is "not a unit of your district": 400, still without data.
                var expected = url.Contains("orgUnitId=", StringComparison.Ordinal) && user != "yc-grid01"
                    ? response.StatusCode == HttpStatusCode.BadRequest
                    : response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden;
                Assert.True(expected,
                    $"{user} {method} {url} answered {(int)response.StatusCode}: {text}");
                Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
                Assert.DoesNotContain("六尺巷", text, StringComparison.Ordinal);
                Assert.DoesNotContain("网格事件闭环", text, StringComparison.Ordinal);
            }
        }

        // Lists answer, but only with the caller's own district.
        var admin = await server.ClientAsync("yc-admin");
        foreach (var url in new[] { "/api/instances", "/api/tasks/inbox", "/api/tasks/counts", "/api/definitions", "/api/definitions/export", "/api/users", "/api/org-units", "/api/audit", "/api/reports/counts", "/api/reports/sla", "/api/reports/tasks.csv", "/api/auth/me",
            "/api/notifications", "/api/notifications/count", "/api/definitions/startable", "/api/reports/satisfaction", "/api/reports/throughput", "/api/reports/overdue",
            "/api/reports/counts.csv", "/api/reports/sla.csv", "/api/reports/satisfaction.csv", "/api/reports/throughput.csv", "/api/reports/overdue.csv", "/api/calendars/2027" })
        {
            using var response = await admin.GetAsync(new Uri(url, UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(instanceId, text, StringComparison.Ordinal);
            Assert.DoesNotContain("tc-", text, StringComparison.Ordinal);
            Assert.DoesNotContain("桐城", text, StringComparison.Ordinal);
            Assert.DoesNotContain(testInstanceId, text, StringComparison.Ordinal);
            Assert.DoesNotContain("2027-03-03", text, StringComparison.Ordinal);
        }

        // A signal with district B's correlation reaches nothing.
        var signalled = await admin.PostAsync("/api/signals", new { signal = "anything", correlation = instanceId });
        Assert.Equal(0, signalled.GetProperty("resumed").GetInt32());

        // And district B's data is untouched.
        var still = await worker.GetAsync($"/api/instances/{instanceId}", HttpStatusCode.OK);
        Assert.Equal("running", still.GetProperty("instance").GetProperty("status").GetString());
        Assert.Equal("u-tc-grid01", AssigneeOfFirstTask(still));
    }

    private static string? AssigneeOfFirstTask(System.Text.Json.JsonElement detail) =>
        detail.GetProperty("openTasks")[0].GetProperty("assignee").GetString();
}
