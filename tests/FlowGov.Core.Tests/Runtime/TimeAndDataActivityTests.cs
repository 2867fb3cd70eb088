using FlowGov.Core.Runtime;
using FlowGov.Core.Tests.Support;

namespace FlowGov.Core.Tests.Runtime;

public sealed class TimeAndDataActivityTests
{
    [Fact]
    public async Task Delay_SevenDays_WaitsAsPersistedTimerThenContinues()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Add("start", "Start").Add("wait", "Delay", new { duration = "P7D" }).Add("visit", "UserTask").Chain("start", "wait", "visit").Build());
        var i = await h.StartAsync("p");
        var timer = Assert.Single(i.Bookmarks);
        Assert.Equal((BookmarkKind.Timer, EngineHarness.Monday9.AddDays(7)), (timer.Kind, timer.DueAt!.Value));

        Assert.Equal(0, await h.AdvanceAsync(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1)));
        Assert.Equal(1, await h.AdvanceAsync(TimeSpan.FromSeconds(1)));

        Assert.Equal("visit", Assert.Single((await h.ReloadAsync(i.Id)).Tasks).ActivityId);
    }

    [Fact]
    public async Task Delay_WorkingDays_SkipsWeekend()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Add("start", "Start").Add("wait", "Delay", new { duration = "5WD" }).Add("end", "End").Chain("start", "wait", "end").Build());

        var i = await h.StartAsync("p");

        Assert.Equal(EngineHarness.Monday9.AddDays(7), Assert.Single(i.Bookmarks).DueAt);
    }

    [Fact]
    public async Task WaitUntil_DateInThePast_ContinuesAtOnce_FutureDateWaits()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Variable("closesAt")
            .Add("start", "Start").Add("until", "WaitUntil", new { until = new { js = "vars.closesAt" } }).Add("end", "End").Chain("start", "until", "end").Build());

        var past = await h.StartAsync("p", new { closesAt = "2026-03-01T00:00:00+08:00" });
        var future = await h.StartAsync("p", new { closesAt = "2026-03-20T18:00:00+08:00" });

        Assert.Equal(InstanceStatus.Completed, past.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 20, 18, 0, 0, TimeSpan.FromHours(8)), Assert.Single(future.Bookmarks).DueAt);
        Assert.Equal(1, await h.AdvanceAsync(TimeSpan.FromDays(30)));
        Assert.Equal(InstanceStatus.Completed, (await h.ReloadAsync(future.Id)).Status);
    }

    [Fact]
    public async Task WaitUntil_NotADate_FaultsNamingProperty()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Add("start", "Start").Add("until", "WaitUntil", new { until = new { js = "'next tuesday'" } }).Chain("start", "until").Build());

        var incident = Assert.Single((await h.StartAsync("p")).Incidents);

        Assert.Equal(("until", "until"), (incident.ActivityId, incident.Property));
    }

    [Fact]
    public async Task SetVariableAndScript_WriteVariables()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Variable("a", 2).Variable("b", 3).Variable("sum").Variable("label").Variable("big")
            .Add("start", "Start")
            .Add("set", "SetVariable", new { variable = "label", value = "网格事件" })
            .Add("calc", "Script", new { script = "vars.sum = vars.a + vars.b;\nreturn vars.sum > 4;", resultVariable = "big" })
            .Add("end", "End").Chain("start", "set", "calc", "end").Build());

        var i = await h.StartAsync("p");

        Assert.Equal("网格事件", i.Variables["label"].GetString());
        Assert.Equal(5, i.Variables["sum"].GetInt32());
        Assert.True(i.Variables["big"].GetBoolean());
    }

    [Fact]
    public async Task Notify_WritesOutboxWithEvaluatedRecipients()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Variable("gridId", "g-07")
            .Add("start", "Start")
            .Add("n", "Notify", new { title = new { js = "'新事件：' + vars.gridId" }, roles = new[] { "grid-worker" }, unit = new { js = "vars.gridId" } })
            .Add("end", "End").Chain("start", "n", "end").Build());

        var i = await h.StartAsync("p");

        var n = Assert.Single(h.Store.Outbox());
        Assert.Equal(("新事件：g-07", "g-07", i.Id), (n.Title, n.Unit, n.InstanceId));
        Assert.Equal(["grid-worker"], n.Roles);
    }

    [Fact]
    public async Task WaitSignal_CorrelationKey_ResumesOnlyMatchingInstance()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Variable("caseNo").Variable("receipt")
            .Add("start", "Start").Add("wait", "WaitSignal", new { signal = "repair-done", correlation = new { js = "vars.caseNo" }, resultVariable = "receipt" }).Add("end", "End")
            .Chain("start", "wait", "end").Build());
        var a = await h.StartAsync("p", new { caseNo = "2026-001" });
        var b = await h.StartAsync("p", new { caseNo = "2026-002" });

        var outcomes = await h.Engine.SignalAsync("repair-done", "2026-002", EngineHarness.Json(new { by = "市政" }));

        Assert.Equal(ResumeStatus.Resumed, Assert.Single(outcomes).Status);
        Assert.Equal(InstanceStatus.Running, (await h.ReloadAsync(a.Id)).Status);
        b = await h.ReloadAsync(b.Id);
        Assert.Equal(InstanceStatus.Completed, b.Status);
        Assert.Equal("市政", b.Variables["receipt"].GetProperty("by").GetString());
        Assert.Empty(await h.Engine.SignalAsync("repair-done", "2026-002", null));
    }

    [Fact]
    public async Task SubProcess_ChildCompletes_ParentGetsOutput()
    {
        var h = new EngineHarness()
            .Publish(new FlowBuilder("child").Variable("caseNo")
                .Add("start", "Start").Add("work", "UserTask").Add("end", "End", new { output = new { js = "({ caseNo: vars.caseNo, fixedBy: forms.work ? forms.work.by : null })" } })
                .Chain("start", "work", "end").Build())
            .Publish(new FlowBuilder("parent").Variable("result")
                .Add("start", "Start").Add("sub", "SubProcess", new { definition = "child", input = new { js = "({ caseNo: 'C-9' })" }, outputVariable = "result" }).Add("end", "End")
                .Chain("start", "sub", "end").Build());

        var started = await h.Engine.StartAsync("parent", new StartRequest { StartedBy = "u-reporter", OrgUnit = "grid-01" });
        var parent = await h.ReloadAsync(started.Instance.Id);
        Assert.Equal(InstanceStatus.Running, parent.Status);
        var childId = h.Store.InstanceIds().Single(id => id != parent.Id);
        var child = await h.ReloadAsync(childId);
        Assert.Equal((parent.Id, "C-9", "grid-01"), (child.ParentInstanceId, child.Variables["caseNo"].GetString(), child.OrgUnit)); // a sub-process belongs to its parent's unit

        await h.CompleteAsync(child, "work");

        parent = await h.ReloadAsync(parent.Id);
        Assert.Equal(InstanceStatus.Completed, parent.Status);
        Assert.Equal("C-9", parent.Variables["result"].GetProperty("caseNo").GetString());
    }

    [Fact]
    public async Task SubProcess_ParentCancelled_CancelsChild()
    {
        var h = new EngineHarness()
            .Publish(new FlowBuilder("child").Add("start", "Start").Add("work", "UserTask").Chain("start", "work").Build())
            .Publish(new FlowBuilder("parent").Add("start", "Start").Add("sub", "SubProcess", new { definition = "child" }).Chain("start", "sub").Build());
        var parent = await h.StartAsync("parent");
        var childId = h.Store.InstanceIds().Single(id => id != parent.Id);

        Assert.True(await h.Engine.CancelAsync(parent.Id, "u-admin", "重复上报"));

        Assert.Equal(InstanceStatus.Cancelled, (await h.ReloadAsync(childId)).Status);
        Assert.All(h.Store.Tasks(), t => Assert.Equal(HumanTaskStatus.Cancelled, t.Status));
    }
}
