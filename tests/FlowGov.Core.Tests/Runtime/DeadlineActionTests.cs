using FlowGov.Core.Definitions;
using FlowGov.Core.Hosting;
using FlowGov.Core.Org;
using FlowGov.Core.Runtime;
using FlowGov.Core.Tests.Support;
using FlowGov.Core.Time;

namespace FlowGov.Core.Tests.Runtime;

/// <summary>Declarative deadline actions (onWarning / onOverdue) driven by the fake clock.</summary>
public sealed class DeadlineActionTests
{
    // Monday 2026-03-02 09:00 Shanghai; the grid wc-g07 belongs to community wc.
    private static readonly IOrgDirectory Org = new InMemoryOrgDirectory(new Dictionary<string, string> { ["wc-g07"] = "wc", ["wc"] = "street" });

    private static EngineHarness Harness(WorkdayCalendar? calendar = null)
    {
        var h = new EngineHarness(calendar);
        var runner = new WorkflowRunner(EngineHarness.SharedScripts, h.Clock, new SequentialIdGenerator(), new FixedCalendarProvider(calendar ?? WorkdayCalendar.Default), null, Org);
        return new EngineHarness(h, runner);
    }

    private static WorkflowDefinition Flow(object handle, bool overduePort = false)
    {
        var b = new FlowBuilder("deadline").Add("start", "Start").Add("handle", "UserTask", handle).Add("end", "End").Chain("start", "handle", "end");
        if (overduePort)
        {
            b.Add("flag", "End").Connect("handle", "flag", Ports.Overdue);
        }

        return b.Build();
    }

    [Fact]
    public async Task OnOverdue_EscalateToParentUnit_SetsRoleAtParentAndNotifies()
    {
        var h = Harness().Publish(Flow(new
        {
            candidateRoles = new[] { "grid-worker" },
            candidateUnit = "wc-g07",
            assignee = "u-1",
            due = "PT4H",
            onOverdue = new { escalateTo = new { role = "supervisor", unit = "parent" }, notify = new { assignee = true, roles = new[] { "grid-leader" } } },
        }));
        var instance = await h.StartAsync("deadline");

        await h.AdvanceAsync(TimeSpan.FromHours(4));

        var task = EngineHarness.OpenTask(await h.ReloadAsync(instance.Id), "handle");
        Assert.Equal(DeadlineState.Overdue, task.DeadlineState);
        Assert.Equal(["supervisor"], task.CandidateRoles);
        Assert.Equal("wc", task.CandidateUnit);
        Assert.Null(task.Assignee);
        Assert.Equal(DeadlineState.Overdue, (await h.ReloadAsync(instance.Id)).DeadlineState);
        var outbox = h.Store.Outbox();
        Assert.Contains(outbox, n => n.Title.StartsWith("【督办】", StringComparison.Ordinal) && n.Roles.Contains("supervisor") && n.Unit == "wc");
        Assert.Contains(outbox, n => n.Title.StartsWith("【超时】", StringComparison.Ordinal) && n.Users.Contains("u-1") && n.Roles.Contains("grid-leader"));
    }

    [Fact]
    public async Task OnOverdue_WorkdayDeadlineOverAdjustedWorkday_FiresOnTheAdjustedSaturday()
    {
        // Friday 2026-03-06 is a holiday, Saturday 03-07 an adjusted working day (调休).
        var calendar = new WorkdayCalendar(WorkdayCalendar.ChinaStandardTime, [new DateOnly(2026, 3, 6)], [new DateOnly(2026, 3, 7)]);
        var h = Harness(calendar).Publish(Flow(new { due = "4WD", onOverdue = new { notify = new { users = new[] { "u-boss" } } } }));
        var instance = await h.StartAsync("deadline");

        Assert.Equal(new DateTimeOffset(2026, 3, 7, 9, 0, 0, TimeSpan.FromHours(8)), EngineHarness.OpenTask(instance, "handle").DueAt);
        await h.AdvanceAsync(new TimeSpan(4, 23, 59, 0));
        Assert.Empty(h.Store.Outbox());
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Single(h.Store.Outbox());
    }

    [Fact]
    public async Task OnOverdue_RepeatEvery_RemindsEachDayUntilCompleted()
    {
        var h = Harness().Publish(Flow(new { due = "PT1H", onOverdue = new { notify = new { users = new[] { "u-1" } }, repeatEvery = "P1D" } }));
        var instance = await h.StartAsync("deadline");

        await h.AdvanceAsync(TimeSpan.FromHours(1));
        await h.AdvanceAsync(TimeSpan.FromDays(1));
        await h.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal(["【超时】deadline-handle", "【催办】deadline-handle", "【催办】deadline-handle"], h.Store.Outbox().Select(n => n.Title.Replace("handle", "deadline-handle", StringComparison.Ordinal)).ToList());

        await h.CompleteAsync(await h.ReloadAsync(instance.Id), "handle");
        await h.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Equal(3, h.Store.Outbox().Count);
        Assert.Equal(InstanceStatus.Completed, (await h.ReloadAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task OnOverdue_AutoOutcome_ClosesTaskThroughThatPort()
    {
        var h = Harness().Publish(new FlowBuilder("deadline")
            .Add("start", "Start")
            .Add("handle", "UserTask", new { outcomes = new[] { "approve", "return" }, due = "P1D", onOverdue = new { autoOutcome = "return" } })
            .Add("ok", "End").Add("back", "End")
            .Chain("start", "handle").Connect("handle", "ok", "approve").Connect("handle", "back", "return").Build());
        var instance = await h.StartAsync("deadline");

        await h.AdvanceAsync(TimeSpan.FromDays(1));

        var done = await h.ReloadAsync(instance.Id);
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("handle:return", h.Path(done));
    }

    [Fact]
    public async Task OnWarning_AutoOutcomeOnMultiInstance_CompletesOneTaskByTheRule()
    {
        var h = Harness().Publish(new FlowBuilder("mi")
            .Add("start", "Start")
            .Add("parties", "MultiInstanceTask", new { items = "['a', 'b']", due = "P2D", warning = "1/2", onWarning = new { autoOutcome = "done" } })
            .Add("end", "End").Chain("start", "parties", "end").Build());
        var instance = await h.StartAsync("mi");

        await h.AdvanceAsync(TimeSpan.FromDays(1));

        var done = await h.ReloadAsync(instance.Id);
        Assert.Equal(InstanceStatus.Completed, done.Status);
    }

    [Fact]
    public void Validate_AutoOutcomeNotAnOutcome_ReportsProblem()
    {
        var h = new EngineHarness();
        var compiled = h.Compiler.Compile(Flow(new { due = "P1D", onOverdue = new { autoOutcome = "nope", repeatEvery = "bad" } }));

        Assert.Contains(compiled.Problems, p => p.Code == "unknown-outcome" && p.Property == "onOverdue");
        Assert.Contains(compiled.Problems, p => p.Code == "bad-duration" && p.Property == "onOverdue");
    }
}
