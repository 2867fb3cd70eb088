using System.Globalization;
using System.Text.Json.Nodes;
using FlowGov.E2E.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace FlowGov.E2E.Tests;

/// <summary>
/// The frontline app against the real server: the grid-event closed loop on a phone (report with photo and
/// location → community triage → department handling → accelerated follow-up → "unsatisfied" reopens it),
/// with the supervisor's dashboard numbers before and after, and a "5+N" mediation where each party fills its own
/// view, to the closing check. Screenshots at 375×812 and 768×1024.
/// </summary>
[Collection(E2EGroup.Name)]
public sealed class FrontlineTests(E2EFixture fixture)
{
    // The start sheet moves to the task page in the app (history.pushState). WaitForURLAsync waits for a
    // navigation event and timed out now and then in the full suite although the page had arrived
    // (its URL was already /tasks/…); polling the URL does not depend on catching the event.
    private static readonly System.Text.RegularExpressions.Regex TaskPage = new("/tasks/[^/?#]+$");

    private const int PhoneWidth = 375;
    private const int PhoneHeight = 812;
    private const int TabletWidth = 768;
    private const int TabletHeight = 1024;

    // The dashboard's first load asks many small reports at once; on a busy 2-core box that takes more than the 5 s default.
    private static readonly LocatorAssertionsToHaveTextOptions Loaded = new() { Timeout = 30_000 };
    private static readonly System.Text.RegularExpressions.Regex Number = new(@"^\d+$");

    // A valid 1×1 PNG: the server sniffs uploads, so the photo must really be an image.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Grid_event_reported_on_a_phone_is_triaged_handled_rated_unsatisfied_and_reopens()
    {
        using var supervisor = await fixture.ApiAsync("tc-supervisor");
        var runningBefore = Count(await supervisor.GetAsync("/api/reports/counts"), "grid-event", "running");
        var cityBefore = CategoryCount(await supervisor.GetAsync("/api/reports/categories?depth=1"), "city");

        // The street supervisor's dashboard (tablet) before anything is reported.
        var dashboard = await fixture.NewPageAsync(TabletWidth, TabletHeight, touch: true);
        await E2EFixture.SignInAsync(dashboard, "tc-supervisor");
        await dashboard.GotoAsync("/dashboard");
        var kpiTotal = dashboard.GetByTestId("kpi-total");
        var kpiRunning = dashboard.GetByTestId("kpi-running");
        await Assertions.Expect(kpiTotal).ToHaveTextAsync(Number, Loaded);
        await Assertions.Expect(kpiRunning).ToHaveTextAsync(Number, Loaded);
        var totalShown = int.Parse(await kpiTotal.InnerTextAsync(), CultureInfo.InvariantCulture);
        var runningShown = int.Parse(await kpiRunning.InnerTextAsync(), CultureInfo.InvariantCulture);

        // 1. The grid worker reports on a phone, with a photo and the browser's location.
        var phone = await fixture.NewPageAsync(PhoneWidth, PhoneHeight, touch: true);
        await phone.Context.GrantPermissionsAsync(["geolocation"]);
        await phone.Context.SetGeolocationAsync(new Geolocation { Latitude = 31.0359f, Longitude = 116.9401f });
        await E2EFixture.SignInAsync(phone, "tc-grid01");
        await phone.GotoAsync("/start");
        await phone.GetByTestId("start-grid-event").ClickAsync();
        await fixture.ScreenshotAsync(phone, "frontline-phone-start");
        await phone.GetByTestId("start-submit").ClickAsync();
        await Assertions.Expect(phone).ToHaveURLAsync(TaskPage);
        await phone.GetByTestId("form-renderer").WaitForAsync();

        await E2EFixture.PickTreeNodeAsync(phone, phone.GetByTestId("field-category").Locator(".ant-select"), "井盖", phone.Locator(".ant-select-tree-title", new() { HasTextString = "井盖缺失破损" }));
        await phone.GetByTestId("field-input-description").FillAsync("双井巷口井盖缺失，夜间行人易跌落，需尽快处理");
        await phone.GetByTestId("field-photos").Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "scene.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(phone.GetByTestId("field-photos").Locator("img")).ToHaveCountAsync(1);
        await phone.GetByTestId("field-location").GetByRole(AriaRole.Button, new() { Name = "定位" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("field-location").Locator("input").First).ToHaveValueAsync("31.0359");
        await phone.GetByTestId("field-grid").Locator(".ant-select").ClickAsync();
        await phone.Keyboard.TypeAsync("六尺巷社区 网格01");
        await phone.Locator(".ant-select-item-option", new() { HasTextString = "六尺巷社区 网格01" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("field-error-grid")).ToHaveCountAsync(0);
        await Assertions.Expect(phone.Locator(".ant-select-dropdown:visible")).ToHaveCountAsync(0);
        // The task's holder by name, not by user id.
        await Assertions.Expect(phone.GetByTestId("task-holder")).ToContainTextAsync("网格01网格员");
        await Assertions.Expect(phone.GetByTestId("task-holder")).Not.ToContainTextAsync("u-tc-grid01");
        await fixture.ScreenshotAsync(phone, "frontline-phone-report-filled");
        await phone.GetByTestId("form-action-submit").ClickAsync();
        await phone.WaitForURLAsync("**/inbox**");

        using var admin = await fixture.ApiAsync("tc-admin");
        var instance = await LatestInstanceAsync(admin, "grid-event", "tc-grid01");
        var instanceId = instance["id"]!.GetValue<string>();
        var runningAfter = Count(await supervisor.GetAsync("/api/reports/counts"), "grid-event", "running");
        Assert.Equal(runningBefore + 1, runningAfter);
        Assert.Equal(cityBefore + 1, CategoryCount(await supervisor.GetAsync("/api/reports/categories?depth=1"), "city"));

        // The dashboard shows one more event, running, and the 城市管理 category in its chart.
        await dashboard.GetByTestId("dashboard-refresh").ClickAsync();
        await Assertions.Expect(kpiTotal).ToHaveTextAsync((totalShown + 1).ToString(CultureInfo.InvariantCulture), Loaded);
        await Assertions.Expect(kpiRunning).ToHaveTextAsync((runningShown + 1).ToString(CultureInfo.InvariantCulture), Loaded);
        await Assertions.Expect(dashboard.GetByTestId("chart-categories").Locator("canvas")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(dashboard, "frontline-tablet-dashboard-after-report");

        // 2. The community secretary triages on a tablet: to the municipal department.
        var tablet = await fixture.NewPageAsync(TabletWidth, TabletHeight, touch: true);
        await E2EFixture.SignInAsync(tablet, "tc-secretary");
        await OpenInboxTaskAsync(tablet, "units", "分级分流");
        await fixture.ScreenshotAsync(tablet, "frontline-tablet-triage");
        await tablet.GetByTestId("field-level").GetByText("派职能部门办理").ClickAsync();
        await tablet.GetByTestId("field-department").Locator(".ant-select").ClickAsync();
        await tablet.Locator(".ant-select-item-option", new() { HasTextString = "市政园林局" }).ClickAsync();
        await tablet.GetByTestId("form-action-dispatch").ClickAsync();
        await tablet.WaitForURLAsync("**/inbox**");
        await tablet.Context.CloseAsync();

        // 3. The municipal department handler completes it.
        var handler = await fixture.NewPageAsync(TabletWidth, TabletHeight);
        await E2EFixture.SignInAsync(handler, "tc-municipal");
        // The inbox filters by event category: 社会治安防控 (order) hides the manhole event, 城市管理与环境 (city) shows it.
        await handler.GotoAsync("/inbox?tab=units&category=order");
        await handler.GetByTestId("inbox").WaitForAsync();
        await Assertions.Expect(handler.GetByTestId("inbox-filter-category")).ToContainTextAsync("社会治安防控");
        await Assertions.Expect(handler.GetByTestId("inbox-item").Filter(new() { HasTextString = "双井巷口井盖缺失" })).ToHaveCountAsync(0);
        await E2EFixture.PickTreeNodeAsync(handler, handler.GetByTestId("inbox-filter-category"), "城市管理", handler.Locator(".ant-select-tree-node-content-wrapper[title='城市管理与环境']"));
        await handler.WaitForURLAsync("**category=city**");
        await Assertions.Expect(handler.GetByTestId("inbox-item").Filter(new() { HasTextString = "双井巷口井盖缺失" })).ToHaveCountAsync(1);
        await OpenInboxTaskAsync(handler, "units", "限时办理", "frontline-tablet-inbox");
        await handler.GetByTestId("field-input-result").FillAsync("已补装井盖并设置警示标志");
        await fixture.ScreenshotAsync(handler, "frontline-tablet-handle");
        await handler.GetByTestId("form-action-done").ClickAsync();
        await handler.WaitForURLAsync("**/inbox**");
        await handler.Context.CloseAsync();

        // 4. The 7-day follow-up wait is fired now (contract 9), then the reporter rates it unsatisfied on the phone.
        var bookmarkId = await TimerBookmarkAsync(instanceId, "followUpWait");
        await admin.PostAsync($"/api/instances/{instanceId}/timers/{bookmarkId}/fire-now");
        using var grid = await fixture.ApiAsync("tc-grid01");
        await WaitForAsync(async () => (await grid.GetAsync("/api/tasks/inbox?scope=candidate"))["items"]!.AsArray()
            .Any(t => t!["instanceId"]!.GetValue<string>() == instanceId && t["activityId"]!.GetValue<string>() == "visit"), "the follow-up visit task");

        // The reporter was told it was done (Notify → notification, badge in the top bar).
        await phone.GotoAsync("/notifications");
        await Assertions.Expect(phone.GetByTestId("notification").Filter(new() { HasTextString = "您上报的网格事件已办结" })).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(phone, "frontline-phone-notifications");

        await OpenInboxTaskAsync(phone, "units", "回访", "frontline-phone-inbox-visit");
        await phone.GetByTestId("task-more").ClickAsync();
        await phone.GetByTestId("task-action-comment").ClickAsync();
        await phone.GetByTestId("comment-text").FillAsync("已电话联系上报人，反映井盖仍有松动");
        await phone.GetByTestId("comment-submit").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("comment")).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(phone, "frontline-phone-comment-drawer");
        await phone.Keyboard.PressAsync("Escape");
        await Assertions.Expect(phone.GetByTestId("comment-text")).ToBeHiddenAsync();
        await phone.GetByTestId("field-contactMethod").GetByText("电话回访").ClickAsync();
        await phone.GetByTestId("field-satisfaction").Locator(".ant-rate-star").Nth(1).ClickAsync();
        await fixture.ScreenshotAsync(phone, "frontline-phone-visit");
        await phone.GetByTestId("form-action-unsatisfied").ClickAsync();
        await phone.WaitForURLAsync("**/inbox**");

        // The case reopens at the original handler; the supervisor's figures show the rating.
        var detail = await admin.GetAsync($"/api/instances/{instanceId}");
        Assert.Equal("reopened", detail["variables"]!["status"]!.GetValue<string>());
        Assert.Equal(1, detail["variables"]!["reopenCount"]!.GetValue<int>());
        Assert.Contains(detail["openTasks"]!.AsArray(), t => t!["activityId"]!.GetValue<string>() == "handle" && t["candidateUnit"]!.GetValue<string>() == "dept-municipal");
        var satisfaction = await supervisor.GetAsync("/api/reports/satisfaction");
        Assert.Contains(satisfaction.AsArray(), r => r!["rating"]!.ToString() == "2" && r["count"]!.GetValue<int>() >= 1);

        // Reopened, the event is still one running instance on the dashboard; its rating now shows in the satisfaction chart.
        await dashboard.GetByTestId("dashboard-refresh").ClickAsync();
        await Assertions.Expect(kpiTotal).ToHaveTextAsync((totalShown + 1).ToString(CultureInfo.InvariantCulture), Loaded);
        await Assertions.Expect(kpiRunning).ToHaveTextAsync((runningShown + 1).ToString(CultureInfo.InvariantCulture), Loaded);
        await Assertions.Expect(dashboard.GetByTestId("kpi-satisfaction")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d\.\d$"), Loaded);
        await fixture.ScreenshotAsync(dashboard, "frontline-tablet-dashboard-after-reopen");
        await dashboard.Context.CloseAsync();

        // The reporter's timeline shows every step, the photo viewable.
        await phone.GotoAsync($"/instances/{instanceId}");
        await Assertions.Expect(phone.GetByTestId("instance-status")).ToHaveTextAsync("办理中");
        await Assertions.Expect(phone.GetByTestId("instance-form-report").Locator("img")).ToHaveCountAsync(1);
        Assert.True(await phone.GetByTestId("timeline-step").CountAsync() >= 5);
        await fixture.ScreenshotAsync(phone, "frontline-phone-timeline");
        await phone.GotoAsync("/inbox");
        await phone.GetByTestId("inbox").WaitForAsync();
        await fixture.ScreenshotAsync(phone, "frontline-phone-inbox");
        await phone.Context.CloseAsync();

        var supervisorPage = await fixture.NewPageAsync(TabletWidth, TabletHeight);
        await E2EFixture.SignInAsync(supervisorPage, "tc-supervisor");
        await supervisorPage.GotoAsync($"/instances/{instanceId}");
        await supervisorPage.GetByTestId("instance-timeline").WaitForAsync();
        // People by name, not by user id.
        await Assertions.Expect(supervisorPage.GetByTestId("instance-timeline")).ToContainTextAsync("市政部门办事员");
        await Assertions.Expect(supervisorPage.GetByTestId("instance-timeline")).Not.ToContainTextAsync("u-tc-municipal");
        await fixture.ScreenshotAsync(supervisorPage, "frontline-tablet-timeline-supervisor");
        await supervisorPage.Context.CloseAsync();
    }

    [Fact]
    public async Task Mediation_5_plus_N_each_party_fills_its_own_view_and_the_case_closes()
    {

        // The community secretary starts it and takes the dispute in on a tablet, inviting the municipal department (the N).
        var secretary = await fixture.NewPageAsync(TabletWidth, TabletHeight, touch: true);
        await E2EFixture.SignInAsync(secretary, "tc-secretary");
        await secretary.GotoAsync("/start");
        await secretary.GetByTestId("start-mediation-5n").ClickAsync();
        await secretary.GetByTestId("start-submit").ClickAsync();
        await Assertions.Expect(secretary).ToHaveURLAsync(TaskPage);
        await secretary.GetByTestId("form-renderer").WaitForAsync();
        await secretary.GetByTestId("field-input-subject").FillAsync("小区停车位收费争议");
        await secretary.GetByTestId("field-disputeType").Locator(".ant-select").ClickAsync();
        await secretary.Locator(".ant-select-item-option", new() { HasTextString = "停车管理" }).ClickAsync();
        await secretary.GetByTestId("field-input-description").FillAsync("业主对地面停车位收费标准有异议，物业称按合同执行");
        await secretary.GetByTestId("field-input-applicant").FillAsync("张先生");
        await secretary.GetByTestId("field-departments").Locator(".ant-select").ClickAsync();
        await secretary.Locator(".ant-select-item-option", new() { HasTextString = "市政园林局" }).ClickAsync();
        await secretary.Keyboard.PressAsync("Escape");
        await fixture.ScreenshotAsync(secretary, "frontline-tablet-mediation-intake");
        await secretary.GetByTestId("form-action-submit").ClickAsync();
        await secretary.WaitForURLAsync(url => !url.Contains("/start", StringComparison.Ordinal));

        using var admin = await fixture.ApiAsync("tc-admin");
        var instanceId = (await LatestInstanceAsync(admin, "mediation-5n", "tc-secretary"))["id"]!.GetValue<string>();

        // Each party signs in and fills its own view: 5 standing parties + the invited department.
        var parties = new (string User, string Label, bool Phone)[]
        {
            ("tc-secretary", "社区党总支", false),
            ("tc-owners", "业委会", true),
            ("tc-property", "物业公司", false),
            ("tc-building", "居民代表", true),
            ("tc-party", "小区党支部", false),
            ("tc-municipal", "dept-municipal", true),
        };
        foreach (var (user, label, onPhone) in parties)
        {
            var page = onPhone ? await fixture.NewPageAsync(PhoneWidth, PhoneHeight, touch: true) : await fixture.NewPageAsync(TabletWidth, TabletHeight);
            await E2EFixture.SignInAsync(page, user);
            await OpenInboxTaskAsync(page, "units", label);
            await page.GetByTestId("field-input-position").FillAsync($"{label}：同意按六尺巷工作法协商，收费标准公开听证");
            await Assertions.Expect(page.GetByTestId("field-error-position")).ToHaveCountAsync(0);
            if (user == "tc-owners")
            {
                await fixture.ScreenshotAsync(page, "frontline-phone-mediation-view");
            }

            await page.GetByTestId(user == "tc-property" ? "form-action-object" : "form-action-submit").ClickAsync();
            await page.WaitForURLAsync("**/inbox**");
            await page.Context.CloseAsync();
        }

        // Every view is in (the six parties), so the meeting is next, for the community secretary.
        using var secretaryApi = await fixture.ApiAsync("tc-secretary");
        var detail = await admin.GetAsync($"/api/instances/{instanceId}");
        Assert.Equal(6, detail["variables"]!["views"]!.AsArray().Count);
        Assert.Equal(1, detail["variables"]!["objections"]!.GetValue<int>());
        var meeting = Assert.Single(detail["openTasks"]!.AsArray());
        Assert.Equal("meeting", meeting!["activityId"]!.GetValue<string>());

        // The meeting record (a long form with two repeating groups) is entered through the API; the parties' views and the closing check are the browser's.
        var attendees = new[] { ("community-party", "王书记"), ("compound-party", "李党员"), ("owners-committee", "赵主任"), ("property-company", "钱经理"), ("resident-reps", "孙楼长"), ("dept-municipal", "周科长") }
            .Select(a => new { party = a.Item1, name = a.Item2 }).ToArray();
        await secretaryApi.PostAsync($"/api/tasks/{meeting["id"]!.GetValue<string>()}/submit", new
        {
            outcome = "agreed",
            values = new
            {
                heldAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
                attendees,
                summary = "六方依次发言，物业同意公开收费依据",
                agreement = "地面停车位收费标准经业主大会表决后公示执行",
                commitments = new[] { new { party = "property-company", commitment = "一个月内公示收费依据" } },
            },
        });

        // The 30-day implementation wait is fired now (contract 9); the secretary checks and closes the case in the browser.
        var bookmarkId = await TimerBookmarkAsync(instanceId, "implementWait");
        await admin.PostAsync($"/api/instances/{instanceId}/timers/{bookmarkId}/fire-now");
        await WaitForAsync(async () => (await secretaryApi.GetAsync("/api/tasks/inbox?scope=candidate"))["items"]!.AsArray()
            .Any(t => t!["instanceId"]!.GetValue<string>() == instanceId && t["activityId"]!.GetValue<string>() == "check"), "the implementation check task");
        await OpenInboxTaskAsync(secretary, "units", "协议落实跟踪");
        await secretary.GetByTestId("field-implementation").GetByText("全部落实").ClickAsync();
        await secretary.GetByTestId("field-input-notes").FillAsync("收费依据已在小区公告栏公示，业主无异议");
        await fixture.ScreenshotAsync(secretary, "frontline-tablet-mediation-check");
        await secretary.GetByTestId("form-action-closed").ClickAsync();
        await secretary.WaitForURLAsync("**/inbox**");

        var closed = await admin.GetAsync($"/api/instances/{instanceId}");
        Assert.Equal("completed", closed["instance"]!["status"]!.GetValue<string>());
        Assert.Equal("closed", closed["variables"]!["status"]!.GetValue<string>());
        Assert.Empty(closed["openTasks"]!.AsArray());

        await secretary.GotoAsync($"/instances/{instanceId}");
        await secretary.GetByTestId("instance-timeline").WaitForAsync();
        await fixture.ScreenshotAsync(secretary, "frontline-tablet-mediation-timeline");
        await secretary.Context.CloseAsync();
    }

    private async Task OpenInboxTaskAsync(IPage page, string tab, string titleContains, string? screenshot = null)
    {
        await page.GotoAsync($"/inbox?tab={tab}");
        var item = page.GetByTestId("inbox-item").Filter(new() { HasTextString = titleContains }).First;
        await item.WaitForAsync();
        if (screenshot is not null)
        {
            await fixture.ScreenshotAsync(page, screenshot);
        }

        await item.ClickAsync();
        await page.GetByTestId("task-page").WaitForAsync();
        await page.GetByTestId("form-renderer").WaitForAsync();
    }

    private static async Task<JsonNode> LatestInstanceAsync(ApiClient api, string definitionKey, string startedBy)
    {
        var list = await api.GetAsync($"/api/instances?definitionKey={definitionKey}&startedBy=u-{startedBy}&pageSize=1");
        return list["items"]!.AsArray()[0]!;
    }

    private static int CategoryCount(JsonNode rows, string category) =>
        rows.AsArray().Where(r => r!["category"]!.GetValue<string>() == category).Sum(r => r!["count"]!.GetValue<int>());

    private static int Count(JsonNode counts, string definitionKey, string status) =>
        counts.AsArray().Where(r => r!["definitionKey"]!.GetValue<string>() == definitionKey && r["status"]!.GetValue<string>() == status)
            .Sum(r => r!["count"]!.GetValue<int>());

    /// <summary>The pending timer's bookmark id: the API does not list bookmarks, so it is read from the server's SQLite file (read-only).</summary>
    private async Task<string> TimerBookmarkAsync(string instanceId, string activityId)
    {
        string? id = null;
        await WaitForAsync(async () =>
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(fixture.Server.DataDirectory, "flowgov.db")};Mode=ReadOnly");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT id FROM bookmarks WHERE instance_id = $instance AND activity_id = $activity";
            command.Parameters.AddWithValue("$instance", instanceId);
            command.Parameters.AddWithValue("$activity", activityId);
            id = (string?)await command.ExecuteScalarAsync();
            return id is not null;
        }, $"the {activityId} timer");
        return id!;
    }

    /// <summary>Polls a condition the server reaches asynchronously (Quartz fires the timer on its own thread).</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }
}
