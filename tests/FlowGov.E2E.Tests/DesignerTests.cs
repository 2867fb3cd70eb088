using System.Diagnostics;
using System.Text.Json.Nodes;
using FlowGov.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FlowGov.E2E.Tests;

/// <summary>The process designer (issue #8): build by drag and connect, publish, run, change, diff on the canvas, roll back.</summary>
[Collection(E2EGroup.Name)]
public sealed class DesignerTests(E2EFixture fixture, ITestOutputHelper output)
{
    private const string Key = "e2e-designed";

    [Fact]
    public async Task Designer_builds_publishes_runs_diffs_and_rolls_back_a_process()
    {
        var page = await fixture.NewPageAsync(1280, 800);
        // Browser errors go to the test output: a failing step then says why the page broke.
        page.PageError += (_, error) => output.WriteLine($"page error: {error}");
        page.Console += (_, m) => { if (m.Type == "error") output.WriteLine($"console: {m.Text}"); };
        page.Response += (_, r) => { if (!r.Ok) output.WriteLine($"response: {r.Status} {r.Request.Method} {r.Url}"); };
        using var designer = await fixture.ApiAsync("tc-designer");
        // The seeded library is published in the background after start-up: wait for it rather than race it (the
        // other tests' drafts may already be listed, so wait for the seeded key itself).
        var seeded = Stopwatch.StartNew();
        while (!(await designer.GetAsync("/api/definitions")).AsArray().Any(d => d!["key"]!.GetValue<string>() == "grid-event"))
        {
            Assert.True(seeded.Elapsed < TimeSpan.FromSeconds(60), "the seeded definitions never appeared");
            await Task.Delay(200);
        }

        await E2EFixture.SignInAsync(page, "tc-designer");
        await page.GotoAsync("/designer");
        await Assertions.Expect(page.GetByTestId("definition-table")).ToContainTextAsync("grid-event");
        await fixture.ScreenshotAsync(page, "designer-1-list");

        // Create: key + name.
        await page.GetByTestId("create-definition").ClickAsync();
        await page.GetByTestId("new-key").FillAsync(Key);
        await page.GetByTestId("new-name").FillAsync("端到端设计流程");
        await page.GetByTestId("new-name").PressAsync("Enter");
        await page.WaitForURLAsync($"**/designer/{Key}");
        await Assertions.Expect(page.GetByTestId("node-start")).ToBeVisibleAsync();

        // Drag a user task and a decision from the palette onto the canvas, below start and end; the decision lands
        // near the minimap and is placed clear of it. Then fit the view (the canvas control) as a designer would.
        var canvas = page.GetByTestId("process-canvas");
        var box = (await canvas.BoundingBoxAsync())!;
        await page.GetByTestId("palette-UserTask").DragToAsync(canvas, new() { TargetPosition = new() { X = box.Width * 0.25f, Y = box.Height * 0.78f } });
        await Assertions.Expect(page.GetByTestId("node-userTask1")).ToBeVisibleAsync();
        await page.GetByTestId("palette-Decision").DragToAsync(canvas, new() { TargetPosition = new() { X = box.Width * 0.62f, Y = box.Height * 0.78f } });
        await Assertions.Expect(page.GetByTestId("node-decision1")).ToBeVisibleAsync();
        await AssertClearOfMinimapAsync(page, "decision1");
        await page.Locator(".react-flow__controls-fitview").ClickAsync();

        // Design the task's form: a radio and a text field shown only for option B (a script in Monaco); its one
        // action button becomes the task's output port.
        await page.GetByTestId("editor-tabs").GetByText("表单", new() { Exact = true }).ClickAsync();
        var forms = page.GetByTestId("form-designer-panel");
        await forms.GetByTestId("fd-new-form-key").FillAsync("verify");
        await forms.GetByTestId("fd-add-form").ClickAsync();
        await forms.GetByTestId("fd-palette-radio").DragToAsync(forms.GetByTestId("fd-drop-0"));
        await forms.GetByTestId("fd-prop-key").FillAsync("scale");
        await forms.GetByTestId("fd-prop-label").FillAsync("事件规模");
        await Assertions.Expect(forms.GetByTestId("fd-field-scale")).ToBeVisibleAsync();
        await forms.GetByTestId("fd-palette-text").DragToAsync(forms.GetByTestId("fd-drop-0"));
        await forms.GetByTestId("fd-prop-label").FillAsync("派单部门");
        await forms.GetByTestId("fd-script-visibleWhen").Locator(".monaco-editor").ClickAsync();
        await page.Keyboard.InsertTextAsync("form.scale == 'b'");
        await Assertions.Expect(forms.GetByTestId("fd-field-text1")).ToContainTextAsync("显示条件");
        await fixture.ScreenshotAsync(page, "designer-2-form");
        await page.GetByTestId("editor-tabs").GetByText("流程", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("node-userTask1").ClickAsync();
        await page.GetByTestId("prop-formKey").ClickAsync();
        await page.Locator(".ant-select-item-option", new() { HasTextString = "(verify)" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("handle-userTask1-submit")).ToBeVisibleAsync();

        // Connect ports: start → task → decision → end (both branches).
        await ConnectAsync(page, "start", "done", "userTask1");
        await ConnectAsync(page, "userTask1", "submit", "decision1");
        await ConnectAsync(page, "decision1", "true", "end");
        await ConnectAsync(page, "decision1", "false", "end");
        await page.GetByTestId("auto-layout").ClickAsync();

        // Properties: who gets the task; the decision's condition in Monaco — first with ES6, which the validation panel locates.
        await page.GetByTestId("node-userTask1").ClickAsync();
        await page.GetByTestId("prop-name").FillAsync("网格员核实");
        await page.GetByTestId("prop-candidateRoles").ClickAsync();
        await page.Keyboard.TypeAsync("grid-worker");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Escape");
        await page.GetByTestId("node-decision1").ClickAsync();
        var editor = page.GetByTestId("prop-condition").Locator(".monaco-editor").First;
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("true &&\n[1].some(x => x > 0)");
        await Assertions.Expect(page.GetByTestId("validation-line").First).ToContainTextAsync("第 2 行", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("publish")).ToBeDisabledAsync();
        await fixture.ScreenshotAsync(page, "designer-2-broken-script");
        await page.GetByTestId("validation-problem").Filter(new() { HasText = "decision1" }).First.ClickAsync();
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("input.amount > 100");
        await Assertions.Expect(page.GetByTestId("validation-panel")).ToHaveAttributeAsync("data-count", "0", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("save-status")).ToHaveAttributeAsync("data-status", "clean", new() { Timeout = 15_000 });
        await fixture.ScreenshotAsync(page, "designer-3-built");

        await PublishAsync(page, "首个版本");
        using var grid = await fixture.ApiAsync("tc-grid01");
        var versions = (await designer.GetAsync($"/api/definitions/{Key}/versions")).AsArray();
        Assert.Single(versions);
        var started = await grid.PostAsync("/api/instances", new { definitionKey = Key, input = new { amount = 500 } });
        var instanceId = started["instance"]!["id"]!.GetValue<string>();
        var detail = await grid.GetAsync($"/api/instances/{instanceId}");
        var task = Assert.Single(detail["openTasks"]!.AsArray());
        Assert.Equal("userTask1", task!["activityId"]!.GetValue<string>());
        Assert.Equal("verify", task["formKey"]!.GetValue<string>());
        var form = (await designer.GetAsync($"/api/definitions/{Key}/versions/1"))["forms"]!["verify"]!["sections"]![0]!["fields"]!.AsArray();
        Assert.Contains(form, f => f!["key"]!.GetValue<string>() == "text1" && f["visibleWhen"]!.GetValue<string>() == "form.scale == 'b'");

        // Version 2: rename the task, publish, and see the change highlighted on the canvas.
        await page.GetByTestId("node-userTask1").ClickAsync();
        await page.GetByTestId("prop-name").FillAsync("网格员现场核实");
        await Assertions.Expect(page.GetByTestId("save-status")).ToHaveAttributeAsync("data-status", "clean", new() { Timeout = 15_000 });
        await PublishAsync(page, "任务改名");
        await page.GetByTestId("versions").ClickAsync();
        await Assertions.Expect(page.GetByTestId("version-author-2")).ToContainTextAsync("流程设计员（组织部）");
        await fixture.ScreenshotAsync(page, "designer-versions");
        await page.GetByTestId("version-diff-2").ClickAsync();
        await Assertions.Expect(page.GetByTestId("diff-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("node-userTask1")).ToHaveAttributeAsync("data-status", "changed");
        await Assertions.Expect(page.GetByTestId("node-badge-userTask1")).ToHaveTextAsync("修改");
        await Assertions.Expect(page.GetByTestId("node-decision1")).ToHaveAttributeAsync("data-status", "");
        await Assertions.Expect(page.GetByTestId("diff-list")).ToContainTextAsync("userTask1");
        await fixture.ScreenshotAsync(page, "designer-4-diff");

        // Roll back to v1: a v3 with v1's content.
        await page.GetByTestId("back-to-edit").ClickAsync();
        await page.GetByTestId("versions").ClickAsync();
        await page.GetByTestId("version-rollback-1").ClickAsync();
        await page.GetByTestId("rollback-note").FillAsync("改名有误，恢复");
        await page.GetByTestId("rollback-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("version-3")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "designer-5-rolled-back");
        var v3 = await designer.GetAsync($"/api/definitions/{Key}/versions/3");
        var renamed = v3["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "userTask1");
        Assert.Equal("网格员核实", renamed!["name"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Designer_in_English_at_1920_connects_by_click_and_lists_the_shortcuts()
    {
        const string key = "e2e-english";
        using (var api = await fixture.ApiAsync("tc-designer"))
        {
            await api.PutAsync($"/api/definitions/{key}/draft", new { revision = 0, definition = StartEnd(key, "English canvas") });
        }

        var page = await fixture.NewPageAsync(1920, 1080);
        page.PageError += (_, error) => output.WriteLine($"page error: {error}");
        await E2EFixture.SignInAsync(page, "tc-designer");
        await page.GetByTestId("user-menu").HoverAsync();
        await page.GetByText("English", new() { Exact = true }).ClickAsync();
        await page.GotoAsync($"/designer/{key}");
        await Assertions.Expect(page.GetByTestId("handle-start-done")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("palette")).ToContainTextAsync("User task");

        // Click-to-connect: the picked output port is highlighted and a hint says what to click next; Esc cancels.
        var source = page.GetByTestId("handle-start-done");
        await source.ClickAsync();
        await Assertions.Expect(source).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("clickconnecting"));
        await Assertions.Expect(page.GetByTestId("connect-hint")).ToContainTextAsync("Connecting from start");
        await fixture.ScreenshotAsync(page, "designer-en-1920-click-connect");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("connect-hint")).ToHaveCountAsync(0);
        await Assertions.Expect(source).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("clickconnecting"));
        await source.ClickAsync();
        await page.GetByTestId("handle-end-in").ClickAsync();
        await Assertions.Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("connect-hint")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("save-status")).ToHaveAttributeAsync("data-status", "clean", new() { Timeout = 15_000 });

        // The shortcuts the canvas knows, listed in English.
        await page.GetByTestId("shortcuts").ClickAsync();
        var shortcuts = page.GetByTestId("shortcuts-popover");
        await Assertions.Expect(shortcuts).ToContainTextAsync("Undo");
        await Assertions.Expect(shortcuts).ToContainTextAsync("Paste");
        await Assertions.Expect(shortcuts).ToContainTextAsync("Cancel a click connection");
        Assert.True(await shortcuts.GetByTestId("shortcut").CountAsync() >= 8);
        await fixture.ScreenshotAsync(page, "designer-en-1920-shortcuts");

        using var designer = await fixture.ApiAsync("tc-designer");
        var draft = await designer.GetAsync($"/api/definitions/{key}/draft");
        var connection = Assert.Single(draft["definition"]!["connections"]!.AsArray());
        Assert.Equal("start", connection!["from"]!.GetValue<string>());
        Assert.Equal("end", connection["to"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Stale_draft_save_names_who_changed_it_and_overwrites_nothing()
    {
        const string key = "e2e-conflict";
        using var designerApi = await fixture.ApiAsync("tc-designer");
        await designerApi.PutAsync($"/api/definitions/{key}/draft", new { revision = 0, definition = StartEnd(key, "冲突草稿") });

        // Two sessions open revision 1 of the same draft.
        var first = await fixture.NewPageAsync();
        await E2EFixture.SignInAsync(first, "tc-designer");
        await first.GotoAsync($"/designer/{key}");
        var second = await fixture.NewPageAsync();
        await E2EFixture.SignInAsync(second, "tc-admin");
        await second.GotoAsync($"/designer/{key}");
        await Assertions.Expect(first.GetByTestId("save-status")).ToContainTextAsync("r1");
        await Assertions.Expect(second.GetByTestId("save-status")).ToContainTextAsync("r1");

        // The first saves; the second's save then meets a newer revision.
        await first.GetByTestId("definition-name").FillAsync("冲突草稿（设计员改）");
        await Assertions.Expect(first.GetByTestId("save-status")).ToContainTextAsync("r2", new() { Timeout = 15_000 });
        await second.GetByTestId("definition-name").FillAsync("冲突草稿（管理员改）");
        await Assertions.Expect(second.GetByTestId("save-status")).ToHaveAttributeAsync("data-status", "conflict", new() { Timeout = 15_000 });
        var who = second.GetByTestId("conflict-who");
        await Assertions.Expect(who).ToContainTextAsync("流程设计员（组织部）");
        var draft = await designerApi.GetAsync($"/api/definitions/{key}/draft");
        var savedAt = DateTimeOffset.Parse(draft["updatedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToLocalTime();
        await Assertions.Expect(who).ToContainTextAsync(savedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await fixture.ScreenshotAsync(second, "designer-conflict");

        // Nothing was overwritten: the server keeps the first session's name at revision 2.
        Assert.Equal(2, draft["revision"]!.GetValue<long>());
        Assert.Equal("冲突草稿（设计员改）", draft["definition"]!["name"]!.GetValue<string>());
        Assert.Equal("流程设计员（组织部）", draft["updatedByName"]!.GetValue<string>());
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task Designer_labels_two_branches_into_the_same_activity_apart()
    {
        const string key = "e2e-branches";
        using (var api = await fixture.ApiAsync("tc-designer"))
        {
            // Both ports of the decision go to "handle": the two paths share their last stretch.
            await api.PutAsync($"/api/definitions/{key}/draft", new
            {
                revision = 0,
                definition = new
                {
                    key,
                    name = "分支汇合",
                    activities = new object[]
                    {
                        new { id = "start", type = "Start", name = "开始", position = new { x = 0, y = 100 } },
                        new { id = "decide", type = "Decision", name = "是否重大", position = new { x = 260, y = 100 }, properties = new { condition = new { js = "vars.big === true" } } },
                        new { id = "handle", type = "UserTask", name = "办理", position = new { x = 560, y = 260 } },
                        new { id = "end", type = "End", name = "结束", position = new { x = 860, y = 260 } },
                    },
                    connections = new object[]
                    {
                        new { from = "start", to = "decide" },
                        new { from = "decide", port = "true", to = "handle" },
                        new { from = "decide", port = "false", to = "handle" },
                        new { from = "handle", to = "end" },
                    },
                },
            });
        }

        var page = await fixture.NewPageAsync();
        await E2EFixture.SignInAsync(page, "tc-designer");
        await page.GotoAsync($"/designer/{key}");
        var labels = page.GetByTestId("edge-label");
        var yesLabel = labels.Filter(new() { HasTextString = "是" });
        var noLabel = labels.Filter(new() { HasTextString = "否" });
        await Assertions.Expect(yesLabel).ToHaveCountAsync(1);
        await Assertions.Expect(noLabel).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(page, "designer-branches-into-one-activity");

        var yes = (await yesLabel.BoundingBoxAsync())!;
        var no = (await noLabel.BoundingBoxAsync())!;
        var overlap = yes.X < no.X + no.Width && no.X < yes.X + yes.Width && yes.Y < no.Y + no.Height && no.Y < yes.Y + yes.Height;
        Assert.False(overlap, $"the labels overlap: 是 at ({yes.X:0},{yes.Y:0}) {yes.Width:0}x{yes.Height:0}, 否 at ({no.X:0},{no.Y:0}) {no.Width:0}x{no.Height:0}");
        await page.Context.CloseAsync();
    }

    private static object StartEnd(string key, string name) => new
    {
        key,
        name,
        activities = new object[]
        {
            new { id = "start", type = "Start", name = "开始", position = new { x = 0, y = 0 } },
            new { id = "end", type = "End", name = "结束", position = new { x = 400, y = 0 } },
        },
        connections = Array.Empty<object>(),
    };

    private static async Task ConnectAsync(IPage page, string from, string port, string to)
    {
        // React Flow connects on pointer moves between down and up: move in steps like a hand would.
        var edges = page.Locator(".react-flow__edge");
        var before = await edges.CountAsync();
        var sourceHandle = page.GetByTestId($"handle-{from}-{port}");
        var targetHandle = page.GetByTestId($"handle-{to}-in");
        await AssertOutsideAutoPanBandAsync(page, sourceHandle);
        await AssertOutsideAutoPanBandAsync(page, targetHandle);
        await sourceHandle.HoverAsync(); // waits until the node is measured and still
        await page.Mouse.DownAsync();
        var target = (await targetHandle.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(target.X + (target.Width / 2), target.Y + (target.Height / 2), new() { Steps = 8 });
        await targetHandle.HoverAsync();
        await page.Mouse.UpAsync();
        await Assertions.Expect(edges).ToHaveCountAsync(before + 1);
    }

    /// <summary>
    /// A connection dragged within 40 px of the canvas edge makes React Flow pan under the pointer (auto-pan), so the
    /// target moves away: a handle there is a broken layout (canvas resized, view not fitted), said here, not as a timeout.
    /// </summary>
    private static async Task AssertOutsideAutoPanBandAsync(IPage page, ILocator handle)
    {
        var pane = (await page.Locator(".react-flow").First.BoundingBoxAsync())!;
        var box = (await handle.BoundingBoxAsync())!;
        var x = box.X + (box.Width / 2) - pane.X;
        var y = box.Y + (box.Height / 2) - pane.Y;
        Assert.True(x > 40 && y > 40 && x < pane.Width - 40 && y < pane.Height - 40, $"handle at ({x:0},{y:0}) in a {pane.Width:0}×{pane.Height:0} canvas is in the auto-pan band");
    }

    private static async Task AssertClearOfMinimapAsync(IPage page, string activityId)
    {
        var minimap = (await page.Locator(".react-flow__minimap").BoundingBoxAsync())!;
        foreach (var element in await page.GetByTestId($"node-{activityId}").Locator(".react-flow__handle").AllAsync())
        {
            var handle = (await element.BoundingBoxAsync())!;
            var under = handle.X + handle.Width > minimap.X && handle.X < minimap.X + minimap.Width && handle.Y + handle.Height > minimap.Y && handle.Y < minimap.Y + minimap.Height;
            Assert.False(under, $"a handle of {activityId} was dropped under the minimap");
        }
    }

    private async Task PublishAsync(IPage page, string note)
    {
        await Assertions.Expect(page.GetByTestId("publish")).ToBeEnabledAsync(new() { Timeout = 15_000 });
        await page.GetByTestId("publish").ClickAsync();
        await page.GetByTestId("publish-note").FillAsync(note);
        var published = page.WaitForResponseAsync(r => r.Url.Contains($"/api/definitions/{Key}/publish", StringComparison.Ordinal) && r.Request.Method == "POST");
        await page.GetByTestId("publish-confirm").ClickAsync();
        var response = await published;
        Assert.True(response.Ok, $"publish: {response.Status} {await response.TextAsync()}");
        await fixture.ScreenshotAsync(page, $"designer-published-{note}");
        _ = JsonNode.Parse(await response.TextAsync());
    }
}
