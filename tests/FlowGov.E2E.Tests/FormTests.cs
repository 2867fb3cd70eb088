using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGov.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FlowGov.E2E.Tests;

/// <summary>
/// The one form renderer in Chromium against the real server (issue #8): the shared form vectors give the
/// same visibility, required flags and errors in the DOM as the server's answers; the form designer's live
/// preview reacts to a scripted field; a test run of a draft answered from the designer lights up its path.
/// </summary>
[Collection(E2EGroup.Name)]
public sealed class FormTests(E2EFixture fixture)
{
    /// <summary>
    /// Cases whose expected answers need context the inline evaluation cannot be given (user, task,
    /// stored values): the browser sends only values and vars. They run in the vitest vector test.
    /// </summary>
    private static readonly string[] ContextKeysNotSent = ["user", "task", "previous", "instance", "taxonomy", "users", "orgUnits", "attachments"];

    [Fact]
    public async Task Shared_form_vectors_render_with_the_servers_visibility_required_flags_and_errors()
    {
        var page = await fixture.NewPageAsync();
        await E2EFixture.SignInAsync(page, "tc-designer");
        await page.GotoAsync("/designer/form-lab");
        var checkedCases = 0;
        foreach (var (name, form, values, vars, expected) in VectorCases())
        {
            await page.GetByTestId("lab-form").FillAsync(form.ToJsonString());
            await page.GetByTestId("lab-values").FillAsync(values.ToJsonString());
            await page.GetByTestId("lab-vars").FillAsync(vars.ToJsonString());
            var answer = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/forms/evaluate", StringComparison.Ordinal) && r.Request.Method == "POST");
            await page.GetByTestId("lab-render").ClickAsync();
            Assert.True((await answer).Ok, $"{name}: evaluate failed");
            var renderer = page.GetByTestId("lab-output").GetByTestId("form-renderer");
            await Assertions.Expect(renderer).ToHaveAttributeAsync("data-pending", "false");

            foreach (var (path, state) in expected)
            {
                var field = renderer.Locator($"[data-path=\"{path}\"]");
                if (state!["visible"]?.GetValue<bool>() == false)
                {
                    await Assertions.Expect(field, $"{name}: {path} hidden").ToHaveCountAsync(0);
                    continue;
                }

                await Assertions.Expect(field, $"{name}: {path} shown").ToHaveCountAsync(1);
                if (state["required"] is { } required)
                {
                    await Assertions.Expect(field, $"{name}: {path} required").ToHaveAttributeAsync("data-required", required.GetValue<bool>() ? "true" : "false");
                }

                if (state["readOnly"]?.GetValue<bool>() == true)
                {
                    await Assertions.Expect(field, $"{name}: {path} read-only").ToHaveAttributeAsync("data-readonly", "true");
                }

                if (state.AsObject().ContainsKey("error"))
                {
                    var key = state["error"]?.GetValue<string>() ?? "";
                    await Assertions.Expect(field, $"{name}: {path} error").ToHaveAttributeAsync("data-error-key", key);
                    if (key.Length > 0 && path.IndexOf('[', StringComparison.Ordinal) < 0 && form["fields"]?.AsArray().Any(f => f?["key"]?.GetValue<string>() == path && f["kind"]?.GetValue<string>() == "group") != true)
                    {
                        // The message the staff read: the server's Chinese text, on the field.
                        await Assertions.Expect(field.GetByTestId($"field-error-{path}")).Not.ToBeEmptyAsync();
                    }
                }
            }

            checkedCases++;
            if (checkedCases == 1)
            {
                await fixture.ScreenshotAsync(page, "forms-vector-first");
            }
        }

        Assert.True(checkedCases >= 8, $"only {checkedCases} vector cases ran");
        await fixture.ScreenshotAsync(page, "forms-vector-last");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Designer_adds_a_scripted_field_and_the_live_preview_follows_it()
    {
        const string key = "e2e-form-designer";
        using (var api = await fixture.ApiAsync("tc-designer"))
        {
            await api.PutAsync($"/api/definitions/{key}/draft", new { revision = 0, definition = SmallDefinition(key, "表单设计测试") });
        }

        var page = await fixture.NewPageAsync();
        await E2EFixture.SignInAsync(page, "tc-designer");
        await page.GotoAsync($"/designer/{key}");
        await page.GetByTestId("editor-tabs").GetByText("表单", new() { Exact = true }).ClickAsync();
        var panel = page.GetByTestId("form-designer-panel");
        await Assertions.Expect(panel.GetByTestId("fd-field-name")).ToBeVisibleAsync();

        // Drag a radio from the palette onto the section and call it "scale".
        await panel.GetByTestId("fd-palette-radio").DragToAsync(panel.GetByTestId("fd-drop-0"));
        await Assertions.Expect(panel.GetByTestId("fd-field-radio1")).ToBeVisibleAsync();
        await panel.GetByTestId("fd-prop-key").FillAsync("scale");
        await panel.GetByTestId("fd-prop-label").FillAsync("事件规模");
        await Assertions.Expect(panel.GetByTestId("fd-field-scale")).ToBeVisibleAsync();

        // A text field shown only for option B, written in the Monaco script editor.
        await panel.GetByTestId("fd-palette-text").DragToAsync(panel.GetByTestId("fd-drop-0"));
        await Assertions.Expect(panel.GetByTestId("fd-field-text1")).ToBeVisibleAsync();
        await panel.GetByTestId("fd-prop-label").FillAsync("派单部门");
        var script = panel.GetByTestId("fd-script-visibleWhen").Locator(".monaco-editor");
        await script.ClickAsync();
        await page.Keyboard.InsertTextAsync("form.scale == 'b'");
        await Assertions.Expect(panel.GetByTestId("fd-field-text1")).ToContainTextAsync("显示条件");

        await panel.GetByTestId("fd-preview-tab").ClickAsync();
        var preview = panel.GetByTestId("fd-preview");
        var renderer = preview.GetByTestId("form-renderer");
        await Assertions.Expect(renderer).ToHaveAttributeAsync("data-pending", "false");
        await Assertions.Expect(renderer.Locator("[data-path=\"scale\"]")).ToBeVisibleAsync();
        await Assertions.Expect(renderer.Locator("[data-path=\"text1\"]")).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(page, "forms-designer-preview-hidden");

        await renderer.GetByTestId("field-input-scale").GetByText("B", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(renderer.Locator("[data-path=\"text1\"]")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "forms-designer-preview-shown");

        // The edit went into the draft the server keeps (autosave).
        await Assertions.Expect(page.GetByTestId("save-status")).ToHaveAttributeAsync("data-status", "clean");
        using (var api = await fixture.ApiAsync("tc-designer"))
        {
            var draft = await api.GetAsync($"/api/definitions/{key}/draft");
            var fields = draft["definition"]!["forms"]!["ask"]!["sections"]![0]!["fields"]!.AsArray();
            Assert.Contains(fields, f => f!["key"]!.GetValue<string>() == "text1" && f["visibleWhen"]!.GetValue<string>() == "form.scale == 'b'");
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Test_run_of_a_draft_is_answered_in_the_designer_and_lights_up_the_path_and_a_pinned_answer_reruns_it()
    {
        const string key = "e2e-form-testrun";
        using (var api = await fixture.ApiAsync("tc-designer"))
        {
            await api.PutAsync($"/api/definitions/{key}/draft", new { revision = 0, definition = SmallDefinition(key, "试运行测试") });
        }

        var page = await fixture.NewPageAsync();
        await E2EFixture.SignInAsync(page, "tc-designer");
        await page.GotoAsync($"/designer/{key}");
        await page.GetByTestId("editor-tabs").GetByText("试运行", new() { Exact = true }).ClickAsync();
        var panel = page.GetByTestId("test-run-panel");
        await panel.GetByTestId("tr-start").ClickAsync();

        var task = panel.GetByTestId("tr-task-ask");
        await Assertions.Expect(task).ToBeVisibleAsync();
        await Assertions.Expect(panel.GetByTestId("node-ask")).ToHaveAttributeAsync("data-status", "active");
        await task.GetByTestId("field-input-name").FillAsync("张三");
        await task.GetByTestId("tr-pin").ClickAsync();
        await task.GetByTestId("form-action-submit").ClickAsync();

        await Assertions.Expect(panel.GetByTestId("tr-status")).ToHaveTextAsync("已完成");
        await Assertions.Expect(panel.GetByTestId("node-end")).ToHaveAttributeAsync("data-status", "visited");
        await Assertions.Expect(panel.GetByTestId("node-ask")).ToHaveAttributeAsync("data-status", "visited");
        await Assertions.Expect(panel.GetByTestId("tr-steps").Locator("[data-activity=\"end\"]").First).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "forms-testrun-completed");

        // Rerun: the pinned answer is submitted by itself and the run completes without a click on the form.
        var started = page.WaitForResponseAsync(r => r.Url.Contains("/draft/test-runs", StringComparison.Ordinal));
        await panel.GetByTestId("tr-start").ClickAsync();
        var body = JsonNode.Parse(await (await started).TextAsync())!;
        var rerunId = body["instanceId"]!.GetValue<string>();
        await Assertions.Expect(panel.GetByTestId("tr-status")).ToHaveTextAsync("已完成");
        using (var api = await fixture.ApiAsync("tc-designer"))
        {
            var instance = await api.GetAsync($"/api/instances/{rerunId}");
            Assert.Equal("completed", instance["instance"]!["status"]!.GetValue<string>(), ignoreCase: true);
            Assert.Contains("张三", instance["forms"]!.ToJsonString(), StringComparison.Ordinal);
        }

        await page.Context.CloseAsync();
    }

    /// <summary>Start → one user task with a small form → End.</summary>
    private static object SmallDefinition(string key, string name) => new
    {
        key,
        name,
        activities = new object[]
        {
            new { id = "start", type = "Start", name = "开始", position = new { x = 0, y = 100 } },
            new { id = "ask", type = "UserTask", name = "登记", properties = new { title = "登记信息", formKey = "ask", candidateRoles = new[] { "designer" } }, position = new { x = 220, y = 100 } },
            new { id = "end", type = "End", name = "结束", position = new { x = 440, y = 100 } },
        },
        connections = new object[]
        {
            new { from = "start", to = "ask" },
            new { from = "ask", port = "submit", to = "end" },
        },
        forms = new Dictionary<string, object>
        {
            ["ask"] = new
            {
                title = "登记",
                sections = new object[] { new { key = "main", title = "基本信息", fields = new object[] { new { key = "name", label = "姓名", kind = "text", required = true } } } },
                actions = new object[] { new { key = "submit", label = "提交", style = "primary" } },
            },
        },
    };

    private static IEnumerable<(string Name, JsonObject Form, JsonObject Values, JsonObject Vars, JsonObject Expected)> VectorCases()
    {
        var directory = Path.Combine(ServerProcess.RepositoryRoot(), "tests", "vectors", "forms");
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var vector = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var defaults = vector["defaultContext"]?.AsObject() ?? [];
            foreach (var testCase in vector["cases"]!.AsArray().Select(c => c!.AsObject()))
            {
                if (testCase["evaluate"] is not JsonObject expected || testCase["values"] is not JsonObject values)
                {
                    continue;
                }

                var context = testCase["context"]?.AsObject() ?? [];
                if (context.Any(p => ContextKeysNotSent.Contains(p.Key)))
                {
                    continue;
                }

                var form = testCase["form"] is JsonValue formName ? vector["forms"]![formName.GetValue<string>()]! : testCase["form"]!;
                var vars = (context["vars"] ?? defaults["vars"])?.DeepClone().AsObject() ?? [];
                yield return ($"{Path.GetFileName(file)}: {testCase["name"]}", form.DeepClone().AsObject(), values.DeepClone().AsObject(), vars, expected.DeepClone().AsObject());
            }
        }
    }
}
