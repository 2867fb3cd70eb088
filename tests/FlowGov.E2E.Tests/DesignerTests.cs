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

        // Drag a user task and a decision from the palette onto the canvas.
        var canvas = page.GetByTestId("process-canvas");
        var box = (await canvas.BoundingBoxAsync())!;
        await page.GetByTestId("palette-UserTask").DragToAsync(canvas, new() { TargetPosition = new() { X = box.Width * 0.35f, Y = box.Height * 0.75f } });
        await Assertions.Expect(page.GetByTestId("node-userTask1")).ToBeVisibleAsync();
        await page.GetByTestId("palette-Decision").DragToAsync(canvas, new() { TargetPosition = new() { X = box.Width * 0.65f, Y = box.Height * 0.75f } });
        await Assertions.Expect(page.GetByTestId("node-decision1")).ToBeVisibleAsync();

        // Connect ports: start → task → decision → end (both branches).
        await ConnectAsync(page, "start", "done", "userTask1");
        await ConnectAsync(page, "userTask1", "done", "decision1");
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
        using var designer = await fixture.ApiAsync("tc-designer");
        var versions = (await designer.GetAsync($"/api/definitions/{Key}/versions")).AsArray();
        Assert.Single(versions);
        var started = await grid.PostAsync("/api/instances", new { definitionKey = Key, input = new { amount = 500 } });
        var instanceId = started["id"]?.GetValue<string>() ?? started["instanceId"]!.GetValue<string>();
        var detail = await grid.GetAsync($"/api/instances/{instanceId}");
        var task = Assert.Single(detail["openTasks"]!.AsArray());
        Assert.Equal("userTask1", task!["activityId"]!.GetValue<string>());

        // Version 2: rename the task, publish, and see the change highlighted on the canvas.
        await page.GetByTestId("node-userTask1").ClickAsync();
        await page.GetByTestId("prop-name").FillAsync("网格员现场核实");
        await Assertions.Expect(page.GetByTestId("save-status")).ToHaveAttributeAsync("data-status", "clean", new() { Timeout = 15_000 });
        await PublishAsync(page, "任务改名");
        await page.GetByTestId("versions").ClickAsync();
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

    private static async Task ConnectAsync(IPage page, string from, string port, string to)
    {
        await page.GetByTestId($"handle-{from}-{port}").DragToAsync(page.GetByTestId($"handle-{to}-in"));
        await Assertions.Expect(page.Locator($".react-flow__edge[data-id^='{from}|{port}|{to}|']")).ToHaveCountAsync(1);
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
