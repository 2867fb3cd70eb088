using System.Text.Json.Nodes;
using FlowGov.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FlowGov.E2E.Tests;

/// <summary>
/// Every task action in the browser, each checked through the API: claim, comment, delegate (委托), hand over
/// (转办, to a user NAME), nudge (催办) by a supervisor, send back (退回). On a phone (375×812) and a tablet (768×1024).
/// </summary>
[Collection(E2EGroup.Name)]
public sealed class TaskActionsTests(E2EFixture fixture)
{
    private const string Key = "e2e-task-actions";

    // Report by the starter, then a check any grid worker may claim; the check can be sent back to the report.
    private static readonly string Definition = $$"""
    {
      "key": "{{Key}}",
      "name": "任务操作（测试）",
      "forms": {
        "report": { "key": "report", "title": "上报", "fields": [ { "key": "summary", "label": "情况", "kind": "textarea", "required": true } ], "actions": [ { "key": "submit", "label": "提交" } ] },
        "check": { "key": "check", "title": "核查", "fields": [ { "key": "note", "label": "核查意见", "kind": "textarea" } ], "actions": [ { "key": "done", "label": "核查完成" } ] }
      },
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "report", "type": "UserTask", "name": "网格员上报", "properties": { "title": "上报情况", "formKey": "report", "assignee": { "js": "instance.startedBy" } } },
        { "id": "check", "type": "UserTask", "name": "核查", "properties": { "title": "任务操作核查", "formKey": "check", "candidateRoles": ["grid-worker"] } },
        { "id": "end", "type": "End" }
      ],
      "connections": [
        { "from": "start", "to": "report" },
        { "from": "report", "port": "submit", "to": "check" },
        { "from": "check", "port": "done", "to": "end" }
      ]
    }
    """;

    [Fact]
    public async Task Claim_comment_delegate_hand_over_nudge_and_send_back_each_take_effect()
    {
        using var designer = await fixture.ApiAsync("tc-designer");
        using (var versions = await designer.SendRawAsync(HttpMethod.Get, $"/api/definitions/{Key}/versions"))
        {
            if (!versions.IsSuccessStatusCode)
            {
                var draft = await designer.PutAsync($"/api/definitions/{Key}/draft", new { revision = 0, definition = JsonNode.Parse(Definition) });
                await designer.PostAsync($"/api/definitions/{Key}/publish", new { revision = draft["revision"]!.GetValue<long>(), note = "e2e" });
            }
        }

        using var reporter = await fixture.ApiAsync("tc-grid01");
        var started = await reporter.PostAsync("/api/instances", new { definitionKey = Key });
        var instanceId = started["instance"]!["id"]!.GetValue<string>();
        var reported = await reporter.PostAsync($"/api/tasks/{started["openTasks"]![0]!["id"]!.GetValue<string>()}/submit", new { outcome = "submit", values = new { summary = "楼道灯损坏" } });
        var taskId = reported["newTasks"]![0]!.GetValue<string>();
        using var admin = await fixture.ApiAsync("tc-admin");
        async Task<JsonNode> TaskAsync() => (await admin.GetAsync($"/api/tasks/{taskId}"))["task"]!;

        // 1. Claim, on a phone: the unclaimed check is in tc-grid02's units tab.
        var phone = await fixture.NewPageAsync(375, 812, touch: true);
        await E2EFixture.SignInAsync(phone, "tc-grid02");
        await phone.GotoAsync($"/tasks/{taskId}");
        await phone.GetByTestId("task-page").WaitForAsync();
        await phone.GetByTestId("task-claim").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("task-claim")).ToHaveCountAsync(0);
        Assert.Equal("u-tc-grid02", (await TaskAsync())["assignee"]!.GetValue<string>());
        await fixture.ScreenshotAsync(phone, "tasks-phone-claimed");

        // 2. Comment (意见).
        await OpenActionAsync(phone, "comment");
        await phone.GetByTestId("comment-text").FillAsync("现场核实：3楼楼道灯不亮");
        await phone.GetByTestId("comment-submit").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("comment")).ToHaveCountAsync(1);
        var comments = await admin.GetAsync($"/api/tasks/{taskId}/comments");
        Assert.Contains(comments.AsArray(), c => c!["text"]!.GetValue<string>() == "现场核实：3楼楼道灯不亮");
        await phone.Keyboard.PressAsync("Escape");
        await Assertions.Expect(phone.GetByTestId("comment-text")).ToBeHiddenAsync();

        // 3. Delegate (委托) to tc-grid01, by user name: the task moves, tc-grid02 keeps track of it.
        await OpenActionAsync(phone, "delegate");
        await phone.GetByTestId("assign-user").FillAsync("tc-grid01");
        await phone.GetByTestId("assign-comment").FillAsync("请代为核查");
        await fixture.ScreenshotAsync(phone, "tasks-phone-delegate");
        await phone.GetByTestId("assign-submit").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("assign-user")).ToHaveCountAsync(0);
        var delegated = await TaskAsync();
        Assert.Equal("u-tc-grid01", delegated["assignee"]!.GetValue<string>());
        Assert.Equal("u-tc-grid02", delegated["delegatedBy"]!.GetValue<string>());
        using var grid02 = await fixture.ApiAsync("tc-grid02");
        Assert.Contains((await grid02.GetAsync("/api/tasks/inbox?scope=delegated"))["items"]!.AsArray(), t => t!["id"]!.GetValue<string>() == taskId);

        // 4. Hand over (转办) on a tablet: tc-grid01 passes it back to tc-grid02 by user name; the delegation ends.
        var tablet = await fixture.NewPageAsync(768, 1024, touch: true);
        await E2EFixture.SignInAsync(tablet, "tc-grid01");
        await tablet.GotoAsync($"/tasks/{taskId}");
        await tablet.GetByTestId("form-renderer").WaitForAsync();
        await OpenActionAsync(tablet, "handover");
        await tablet.GetByTestId("assign-user").FillAsync("tc-grid02");
        await fixture.ScreenshotAsync(tablet, "tasks-tablet-handover");
        await tablet.GetByTestId("assign-submit").ClickAsync();
        await Assertions.Expect(tablet.GetByTestId("assign-user")).ToHaveCountAsync(0);
        var handedOver = await TaskAsync();
        Assert.Equal("u-tc-grid02", handedOver["assignee"]!.GetValue<string>());
        Assert.Null(handedOver["delegatedBy"]);
        await tablet.Context.CloseAsync();

        // 5. Nudge (催办) by the street supervisor on a tablet: the holder is notified.
        var supervisor = await fixture.NewPageAsync(768, 1024, touch: true);
        await E2EFixture.SignInAsync(supervisor, "tc-supervisor");
        await supervisor.GotoAsync($"/tasks/{taskId}");
        await supervisor.GetByTestId("task-page").WaitForAsync();
        await OpenActionAsync(supervisor, "nudge");
        await supervisor.GetByTestId("nudge-message").FillAsync("请今天内核查完毕");
        await supervisor.GetByTestId("nudge-submit").ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("nudge-message")).ToHaveCountAsync(0);
        var notifications = await grid02.GetAsync("/api/notifications");
        Assert.Contains(notifications["items"]!.AsArray(), n => n!["title"]!.GetValue<string>() == "催办：任务操作核查");
        await fixture.ScreenshotAsync(supervisor, "tasks-tablet-nudged");
        await supervisor.Context.CloseAsync();

        // 6. Send back (退回) on the phone to the report step: the reporter has the report again, the check is gone.
        await phone.ReloadAsync();
        await phone.GetByTestId("form-renderer").WaitForAsync();
        await OpenActionAsync(phone, "sendBack");
        await phone.GetByTestId("send-back-target").ClickAsync();
        await phone.Locator(".ant-select-item-option", new() { HasTextString = "网格员上报" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".ant-select-dropdown:visible")).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(phone, "tasks-phone-send-back");
        await phone.GetByTestId("send-back-submit").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("send-back-submit")).ToHaveCountAsync(0);
        var detail = await admin.GetAsync($"/api/instances/{instanceId}");
        var open = Assert.Single(detail["openTasks"]!.AsArray());
        Assert.Equal("report", open!["activityId"]!.GetValue<string>());
        Assert.Equal("u-tc-grid01", open["assignee"]!.GetValue<string>());
        Assert.NotEqual("open", (await TaskAsync())["status"]!.GetValue<string>());
        await phone.Context.CloseAsync();
    }

    /// <summary>The actions sit behind "more": a drawer lists them, the chosen one opens its own drawer.</summary>
    private static async Task OpenActionAsync(IPage page, string action)
    {
        await page.GetByTestId("task-more").ClickAsync();
        await page.GetByTestId($"task-action-{action}").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"task-action-{action}")).ToBeHiddenAsync();
    }
}
