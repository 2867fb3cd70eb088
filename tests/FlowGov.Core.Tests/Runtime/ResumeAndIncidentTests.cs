using System.Text.Json;
using FlowGov.Core.Runtime;
using FlowGov.Core.Tests.Support;

namespace FlowGov.Core.Tests.Runtime;

public sealed class ResumeAndIncidentTests
{
    [Fact]
    public async Task Resume_SameBookmarkTwice_SecondIsAlreadyDoneWithoutTransition()
    {
        var h = new EngineHarness().Publish(TwoTasks());
        var i = await h.StartAsync("p");
        var task = EngineHarness.OpenTask(i, "first");

        var first = await h.Engine.ResumeAsync(task.BookmarkId, new ResumeInput("u1"));
        var journal = h.Store.Journal(i.Id).Count;
        var second = await h.Engine.ResumeAsync(task.BookmarkId, new ResumeInput("u2"));
        var viaTask = await h.Engine.CompleteTaskAsync(task.Id, new ResumeInput("u3"));

        Assert.Equal((ResumeStatus.Resumed, ResumeStatus.AlreadyDone, ResumeStatus.AlreadyDone), (first.Status, second.Status, viaTask.Status));
        Assert.Equal(journal, h.Store.Journal(i.Id).Count);
    }

    [Fact]
    public async Task Resume_StaleInstanceCopy_RunnerAnswersAlreadyDone()
    {
        var h = new EngineHarness().Publish(TwoTasks());
        var i = await h.StartAsync("p");
        var stale = await h.ReloadAsync(i.Id);
        var bookmark = EngineHarness.OpenTask(i, "first").BookmarkId;
        await h.Engine.ResumeAsync(bookmark, ResumeInput.Empty);

        var fresh = await h.ReloadAsync(i.Id);
        var compiled = h.Compiler.Compile(TwoTasks()).Definition!;

        Assert.Equal(ResumeStatus.AlreadyDone, h.Runner.Resume(compiled, fresh, bookmark, ResumeInput.Empty).Status);
        Assert.Equal(ResumeStatus.Resumed, h.Runner.Resume(compiled, stale, bookmark, ResumeInput.Empty).Status); // the store's revision check stops this one
    }

    [Fact]
    public async Task Resume_HundredConcurrentCallers_ExactlyOneTransition()
    {
        var h = new EngineHarness().Publish(TwoTasks());
        var i = await h.StartAsync("p");
        var bookmark = EngineHarness.OpenTask(i, "first").BookmarkId;
        using var go = new ManualResetEventSlim();

        var callers = Enumerable.Range(0, 100).Select(n => Task.Run(async () =>
        {
            go.Wait();
            return await h.Engine.ResumeAsync(bookmark, new ResumeInput($"u{n}"));
        })).ToArray();
        go.Set();
        var outcomes = await Task.WhenAll(callers);

        Assert.Equal(1, outcomes.Count(o => o.Status == ResumeStatus.Resumed));
        Assert.Equal(99, outcomes.Count(o => o.Status == ResumeStatus.AlreadyDone));
        i = await h.ReloadAsync(i.Id);
        Assert.Equal("second", Assert.Single(i.Tasks).ActivityId);
        Assert.Single(h.Store.Journal(i.Id), j => j.Kind == JournalKind.ActivityResumed && j.ActivityId == "first");
    }

    [Fact]
    public async Task Resume_UnknownBookmarkOrTask_AnswersWithoutThrowing()
    {
        var h = new EngineHarness();

        Assert.Equal(ResumeStatus.AlreadyDone, (await h.Engine.ResumeAsync("nope", ResumeInput.Empty)).Status);
        Assert.Equal(ResumeStatus.AlreadyDone, (await h.Engine.CompleteTaskAsync("nope", ResumeInput.Empty)).Status);
        Assert.Equal(ResumeStatus.NotFound, (await h.Engine.RetryAsync("nope", "x", null)).Status);
    }

    [Fact]
    public async Task Script_RuntimeError_FaultsWithIncidentNamingActivityPropertyAndLine()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Variable("report")
            .Add("start", "Start")
            .Add("calc", "Script", new { script = "var level = 1;\nvar category = vars.report.category;\nreturn level;" })
            .Add("end", "End").Chain("start", "calc", "end").Build());

        var i = await h.StartAsync("p");

        Assert.Equal(InstanceStatus.Faulted, i.Status);
        var incident = Assert.Single(i.Incidents);
        Assert.Equal(("calc", "script", 2), (incident.ActivityId, incident.Property, incident.Line));
        Assert.Contains("calc", incident.Message, StringComparison.Ordinal);
        Assert.Equal(TokenStatus.Faulted, Assert.Single(i.Tokens).Status);
    }

    [Fact]
    public async Task Retry_AfterDataFix_ContinuesFromFaultedActivity()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Variable("report")
            .Add("start", "Start")
            .Add("calc", "Script", new { script = "return vars.report.category;", resultVariable = "report" })
            .Add("task", "UserTask").Chain("start", "calc", "task").Build());
        var i = await h.StartAsync("p");
        var incident = Assert.Single(i.Incidents);

        Assert.Empty(i.Tasks);
        var retried = await h.Engine.RetryAsync(i.Id, incident.Id, "u-admin",
            new Dictionary<string, JsonElement> { ["report"] = EngineHarness.Json(new { category = "市容环境" }) });

        Assert.Equal(ResumeStatus.Resumed, retried.Status);
        i = await h.ReloadAsync(i.Id);
        Assert.Equal(InstanceStatus.Running, i.Status);
        Assert.True(Assert.Single(i.Incidents).Resolved);
        Assert.Equal("task", Assert.Single(i.Tasks).ActivityId);
        Assert.Equal("市容环境", i.Variables["report"].GetString());
        Assert.Equal(ResumeStatus.AlreadyDone, (await h.Engine.RetryAsync(i.Id, incident.Id, "u-admin")).Status);
    }

    [Fact]
    public async Task Resume_FaultedInstance_IsRejected()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p")
            .Add("start", "Start").Add("fork", "Fork").Add("task", "UserTask").Add("bad", "Script", new { script = "throw new Error('boom');" })
            .Connect("start", "fork").Connect("fork", "task").Connect("fork", "bad").Build());
        var i = await h.StartAsync("p");
        Assert.Equal(InstanceStatus.Faulted, i.Status);

        var outcome = await h.CompleteAsync(i, "task");

        Assert.Equal(ResumeStatus.Rejected, outcome.Status);
        Assert.Contains("faulted", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_RunningInstance_CancelsTasksAndBookmarks()
    {
        var h = new EngineHarness().Publish(TwoTasks());
        var i = await h.StartAsync("p");

        Assert.True(await h.Engine.CancelAsync(i.Id, "u-admin", "重复上报"));
        Assert.False(await h.Engine.CancelAsync(i.Id, "u-admin", "again"));

        i = await h.ReloadAsync(i.Id);
        Assert.Equal(InstanceStatus.Cancelled, i.Status);
        Assert.Empty(i.Tasks);
        Assert.Equal(0, h.Store.OpenBookmarkCount);
        Assert.Equal(HumanTaskStatus.Cancelled, Assert.Single(h.Store.Tasks(i.Id)).Status);
    }

    private static Definitions.WorkflowDefinition TwoTasks() => new FlowBuilder("p")
        .Add("start", "Start").Add("first", "UserTask").Add("second", "UserTask").Add("end", "End").Chain("start", "first", "second", "end").Build();
}
