using System.Text.Json.Nodes;
using FlowGov.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FlowGov.E2E.Tests;

/// <summary>The supervisors' dashboard against the real server: counts follow the work done, filters narrow them, CSV downloads.</summary>
[Collection(E2EGroup.Name)]
public sealed class DashboardTests(E2EFixture fixture)
{
    // A small grid event (report → visit, as tests/FlowGov.Server.Tests' TestDefinitions.GridEvent) that the API can finish without photos.
    private const string EventKey = "e2e-dashboard-event";

    private static readonly string EventDefinition = $$"""
    {
      "key": "{{EventKey}}",
      "name": "网格事件（看板测试）",
      "variables": [ { "name": "gridId", "type": "string" } ],
      "forms": {
        "report": { "key": "report", "title": "事件上报", "fields": [ { "key": "summary", "label": "事件描述", "kind": "textarea", "required": true } ], "actions": [ { "key": "submit", "label": "提交" } ] },
        "visit": { "key": "visit", "title": "回访", "fields": [ { "key": "satisfaction", "label": "满意度", "kind": "number" } ], "actions": [ { "key": "close", "label": "结案" } ] }
      },
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "report", "type": "UserTask", "name": "网格员上报", "properties": { "formKey": "report", "assignee": { "js": "instance.startedBy" }, "candidateUnit": { "js": "vars.gridId" } } },
        { "id": "visit", "type": "UserTask", "name": "办结回访", "properties": { "formKey": "visit", "candidateRoles": ["grid-worker"], "candidateUnit": { "js": "vars.gridId" } } },
        { "id": "end", "type": "End" }
      ],
      "connections": [
        { "from": "start", "to": "report" },
        { "from": "report", "port": "submit", "to": "visit" },
        { "from": "visit", "port": "close", "to": "end" }
      ]
    }
    """;

    // The first load asks ~20 reports at once (one per heat-table unit); on a busy 2-core CI box that takes more than the 5 s default.
    private static readonly LocatorAssertionsToHaveTextOptions Loaded = new() { Timeout = 30_000 };

    [Fact]
    public async Task Supervisor_sees_counts_change_after_a_grid_event_filters_them_and_downloads_CSV()
    {
        using var designer = await fixture.ApiAsync("tc-designer");
        var draft = await designer.PutAsync($"/api/definitions/{EventKey}/draft", new { revision = 0, definition = JsonNode.Parse(EventDefinition) });
        await designer.PostAsync($"/api/definitions/{EventKey}/publish", new { revision = draft["revision"]!.GetValue<long>(), note = "e2e" });

        var page = await fixture.NewPageAsync(1280, 800);
        await E2EFixture.SignInAsync(page, "tc-supervisor");
        await page.GotoAsync("/dashboard");
        var total = page.GetByTestId("kpi-total");
        var completed = page.GetByTestId("kpi-completed");
        await Assertions.Expect(total).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"), Loaded);
        var totalBefore = int.Parse(await total.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var completedBefore = int.Parse(await completed.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        // A grid worker reports an event and closes it after the visit with a rating of 2.
        using var worker = await fixture.ApiAsync("tc-grid01");
        var started = await worker.PostAsync("/api/instances", new { definitionKey = EventKey, input = new { gridId = "tc-wc-lcx-g01" } });
        var reportId = started["openTasks"]![0]!["id"]!.GetValue<string>();
        var reported = await worker.PostAsync($"/api/tasks/{reportId}/submit", new { outcome = "submit", values = new { summary = "楼道堆放杂物堵塞通道" } });
        var visitId = reported["newTasks"]![0]!.GetValue<string>();
        var closed = await worker.PostAsync($"/api/tasks/{visitId}/submit", new { outcome = "close", values = new { satisfaction = 2 } });
        Assert.Equal("completed", closed["instanceStatus"]!.GetValue<string>());

        await page.GetByTestId("dashboard-refresh").ClickAsync();
        await Assertions.Expect(total).ToHaveTextAsync((totalBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Loaded);
        await Assertions.Expect(completed).ToHaveTextAsync((completedBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Loaded);
        // The grid heat table has the new process as a column, counted at the grid's row.
        var heat = page.GetByTestId("heat-table");
        await Assertions.Expect(heat).ToContainTextAsync("网格事件（看板测试）");
        await Assertions.Expect(page.GetByTestId("chart-satisfaction")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "dashboard-1280x800");

        // CSV export downloads the counts of the period, the new process among them.
        await page.GetByTestId("dashboard-csv").HoverAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("csv-counts").ClickAsync());
        Assert.StartsWith("counts-", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains(EventKey, csv, StringComparison.Ordinal);

        // Org unit filter: 龙腾街道 has none of 六尺巷's events, so the total drops to what the server counts there.
        using var supervisor = await fixture.ApiAsync("tc-supervisor");
        var longteng = (await supervisor.GetAsync("/api/reports/counts?orgUnitId=tc-lt")).AsArray().Sum(r => r!["count"]!.GetValue<int>());
        await E2EFixture.PickTreeNodeAsync(page, page.GetByTestId("dashboard-unit"), "龙腾街道", page.Locator(".ant-select-tree-node-content-wrapper[title='龙腾街道']"));
        await Assertions.Expect(total).ToHaveTextAsync(longteng.ToString(System.Globalization.CultureInfo.InvariantCulture), Loaded);
        Assert.True(longteng < totalBefore + 1);

        // Period filter: a month long past holds nothing.
        await page.Locator(".ant-select-clear").First.ClickAsync(new LocatorClickOptions { Force = true });
        await Assertions.Expect(total).ToHaveTextAsync((totalBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Loaded);
        var inputs = page.Locator(".ant-picker-range input");
        await inputs.Nth(0).ClickAsync();
        await inputs.Nth(0).FillAsync("2020-01-01");
        await inputs.Nth(0).PressAsync("Enter");
        await inputs.Nth(1).FillAsync("2020-01-31");
        await inputs.Nth(1).PressAsync("Enter");
        await Assertions.Expect(total).ToHaveTextAsync("0", Loaded);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_fits_a_tablet()
    {
        var page = await fixture.NewPageAsync(768, 1024, touch: true);
        await E2EFixture.SignInAsync(page, "tc-supervisor");
        await page.GotoAsync("/dashboard");
        await Assertions.Expect(page.GetByTestId("kpi-total")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"), Loaded);
        await Assertions.Expect(page.GetByTestId("chart-counts").Locator("canvas")).ToBeVisibleAsync();
        // Charts take the width of the single column, not more: nothing scrolls sideways.
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);
        var chartWidth = await page.GetByTestId("chart-counts").EvaluateAsync<double>("e => e.getBoundingClientRect().width");
        Assert.InRange(chartWidth, 600, 768);
        await fixture.ScreenshotAsync(page, "dashboard-768x1024");
        await page.Context.CloseAsync();
    }
}
