using System.Text.Json;
using FlowGov.Core.Forms;
using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using FlowGov.Core.Tests.Support;

namespace FlowGov.Core.Tests.Runtime;

public sealed class TaskSubmissionTests
{
    private const string HandleV1 = """
        {"title":"部门办理","fields":[
          {"key":"result","label":"办理结果","kind":"textarea","required":true},
          {"key":"cost","label":"费用（元）","kind":"money","min":0},
          {"key":"costNote","label":"费用说明","kind":"text","visibleWhen":"form.cost > 0","required":true},
          {"key":"summary","label":"摘要","kind":"text","compute":"form.result ? form.result.substring(0, 4) : ''"}
        ],
        "actions":[{"key":"done","label":"办结"},{"key":"reject","label":"退单","validate":false}]}
        """;

    private const string HandleV2 = """
        {"title":"部门办理","fields":[{"key":"outcomeNote","label":"办理说明","kind":"textarea","required":true}],
         "actions":[{"key":"done","label":"办结"},{"key":"reject","label":"退单","validate":false}]}
        """;

    [Fact]
    public async Task SubmitTask_InvalidValues_RejectedWithFieldErrorsAndNothingChanges()
    {
        var h = new EngineHarness().Publish(Flow(1, HandleV1));
        var i = await h.StartAsync("p");
        var task = EngineHarness.OpenTask(i, "handle");
        var journal = h.Store.Journal(i.Id).Count;

        var outcome = await h.Engine.SubmitTaskAsync(task.Id, Submit("done", new { cost = 12.345 }));

        Assert.Equal(ResumeStatus.Rejected, outcome.Status);
        Assert.Contains(outcome.FormErrors, e => e.Path == "result" && e.Key == "field.required");
        Assert.Contains(outcome.FormErrors, e => e.Path == "cost");
        Assert.All(outcome.FormErrors, e => Assert.False(string.IsNullOrEmpty(e.MessageEn)));
        Assert.Equal(journal, h.Store.Journal(i.Id).Count);
        Assert.Single((await h.ReloadAsync(i.Id)).Tasks);
    }

    [Fact]
    public async Task SubmitTask_ValidValues_StoresCleanValuesWithComputedAndWithoutHidden()
    {
        var h = new EngineHarness().Publish(Flow(1, HandleV1));
        var i = await h.StartAsync("p");
        var task = EngineHarness.OpenTask(i, "handle");

        var outcome = await h.Engine.SubmitTaskAsync(task.Id, Submit("done", new { result = "已修复路面破损", cost = 0, costNote = "hidden", summary = "client says" }));

        Assert.Equal(ResumeStatus.Resumed, outcome.Status);
        var stored = (await h.ReloadAsync(i.Id)).Forms["handle"];
        Assert.Equal("已修复路", stored.GetProperty("summary").GetString());
        Assert.False(stored.TryGetProperty("costNote", out _));
        Assert.Equal("u-dept", h.Store.Tasks(i.Id).Single(t => t.ActivityId == "handle").CompletedBy);
    }

    [Fact]
    public async Task SubmitTask_ReturnButtonSkipsRequired_TakesItsPort()
    {
        var h = new EngineHarness().Publish(Flow(1, HandleV1));
        var i = await h.StartAsync("p");

        var outcome = await h.Engine.SubmitTaskAsync(EngineHarness.OpenTask(i, "handle").Id, Submit("reject", new { }));

        Assert.Equal(ResumeStatus.Resumed, outcome.Status);
        Assert.Contains("handle:reject", h.Path(await h.ReloadAsync(i.Id)));
    }

    [Fact]
    public async Task SubmitTask_TaskCreatedUnderV1_ValidatedWithV1AfterV2Published()
    {
        var h = new EngineHarness().Publish(Flow(1, HandleV1));
        var old = await h.StartAsync("p");
        h.Publish(Flow(2, HandleV2));
        var fresh = await h.StartAsync("p");
        Assert.Equal((1, 2), (old.DefinitionVersion, fresh.DefinitionVersion));

        var v1Answer = Submit("done", new { result = "已处理" });
        var onOld = await h.Engine.SubmitTaskAsync(EngineHarness.OpenTask(old, "handle").Id, v1Answer);
        var onNew = await h.Engine.SubmitTaskAsync(EngineHarness.OpenTask(fresh, "handle").Id, v1Answer);

        Assert.Equal(ResumeStatus.Resumed, onOld.Status);
        Assert.Equal(ResumeStatus.Rejected, onNew.Status);
        Assert.Contains(onNew.FormErrors, e => e.Path == "outcomeNote" && e.Key == "field.required");
        Assert.Contains(onNew.FormErrors, e => e.Path == "result");
    }

    [Fact]
    public async Task SubmitTask_Twice_SecondIsAlreadyDone()
    {
        var h = new EngineHarness().Publish(Flow(1, HandleV1));
        var task = EngineHarness.OpenTask(await h.StartAsync("p"), "handle");

        var first = await h.Engine.SubmitTaskAsync(task.Id, Submit("done", new { result = "已处理" }));
        var second = await h.Engine.SubmitTaskAsync(task.Id, Submit("done", new { result = "again" }));

        Assert.Equal((ResumeStatus.Resumed, ResumeStatus.AlreadyDone), (first.Status, second.Status));
    }

    private static TaskSubmission Submit(string outcome, object values) => new()
    {
        User = new FormUser("u-dept", ["department-handler"], "dept-works"),
        Outcome = outcome,
        Values = JsonSerializer.SerializeToElement(values),
    };

    private static Definitions.WorkflowDefinition Flow(int version, string form) => new FlowBuilder("p", version).Form("handle", form)
        .Add("start", "Start").Add("handle", "UserTask", new { formKey = "handle" }).Add("end", "End").Add("back", "End")
        .Connect("start", "handle").Connect("handle", "end").Connect("handle", "back", "reject").Build();
}
