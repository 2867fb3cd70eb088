using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Scheduling.Host;
using FlowGov.Scheduling.Timers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace FlowGov.Scheduling.Tests;

/// <summary>
/// A per-item recurrence (三库一单: a household visited monthly while grade A, quarterly while B) is a
/// loop in the definition: a fork races the grade's delay against a "household changed" signal; an
/// any-join takes the first and cancels the other path with its timer. A change mid-wait therefore
/// removes the pending Quartz trigger and schedules the new grade's one — checked here on real Quartz
/// with its SQLite store (the scheduler is not started: what is checked is what is scheduled).
/// </summary>
public sealed class PerItemRecurrenceTests() : SchedulerDataTests("per-item")
{
    [Fact]
    public async Task GradeChangesMidWait_MonthlyTimerReplacedByQuarterly_VisitsFollowTheNewGrade()
    {
        await using var host = await SchedulerHost.CreateAsync(Data(), o => o.ReconcileOnStart = false);
        await host.PublishAsync(HouseholdVisits());
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var started = TimeProvider.System.GetUtcNow();
        var instance = (await host.Engine.StartAsync("household-visits", new StartRequest { Input = Input("H-0042", "A"), StartedBy = "test" })).Instance;

        var monthly = await SingleTimerAsync(host, scheduler, instance.Id);
        AssertDue(monthly.DueAt, started.AddMonths(1));

        await host.Engine.SignalAsync("household-changed", "H-0042", JsonSerializer.SerializeToElement(new { grade = "B" }), "test");

        Assert.False(await scheduler.Exists(TimerKeys.For(monthly.BookmarkId)), "the grade-A monthly trigger is still scheduled after the change to B");
        var quarterly = await SingleTimerAsync(host, scheduler, instance.Id);
        AssertDue(quarterly.DueAt, started.AddMonths(3));

        // The quarterly visit comes due (what its trigger's job does): the visit is counted and the next
        // wait is quarterly again, because the grade is B now.
        var visitedAt = TimeProvider.System.GetUtcNow();
        var resumed = await host.Engine.ResumeAsync(quarterly.BookmarkId, new ResumeInput(TimerJob.Actor));
        Assert.Equal(ResumeStatus.Resumed, resumed.Status);
        var afterVisit = (await host.Engine.Store.LoadInstanceAsync(instance.Id))!;
        Assert.Equal(1, afterVisit.Variables["visits"].GetInt32());
        var next = await SingleTimerAsync(host, scheduler, instance.Id);
        Assert.NotEqual(quarterly.BookmarkId, next.BookmarkId);
        AssertDue(next.DueAt, visitedAt.AddMonths(3));
    }

    [Fact]
    public async Task HouseholdLeavesTheListMidWait_TimerUnscheduledAndInstanceCompleted()
    {
        await using var host = await SchedulerHost.CreateAsync(Data(), o => o.ReconcileOnStart = false);
        await host.PublishAsync(HouseholdVisits());
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var instance = (await host.Engine.StartAsync("household-visits", new StartRequest { Input = Input("H-0043", "A"), StartedBy = "test" })).Instance;
        var monthly = await SingleTimerAsync(host, scheduler, instance.Id);

        await host.Engine.SignalAsync("household-changed", "H-0043", JsonSerializer.SerializeToElement(new { exit = true }), "test");

        Assert.False(await scheduler.Exists(TimerKeys.For(monthly.BookmarkId)));
        Assert.Empty(await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(TimerKeys.Group)));
        Assert.Equal(InstanceStatus.Completed, (await host.Engine.Store.LoadInstanceAsync(instance.Id))!.Status);
    }

    /// <summary>The instance's one open timer, and that Quartz has exactly one timer trigger: that one, at its due time.</summary>
    private static async Task<(string BookmarkId, DateTimeOffset DueAt)> SingleTimerAsync(SchedulerHost host, IScheduler scheduler, string instanceId)
    {
        var instance = (await host.Engine.Store.LoadInstanceAsync(instanceId))!;
        var timer = Assert.Single(instance.Bookmarks, b => b.Kind == BookmarkKind.Timer);
        var triggers = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(TimerKeys.Group));
        Assert.Equal(TimerKeys.For(timer.Id), Assert.Single(triggers));
        var trigger = (await scheduler.GetTrigger(TimerKeys.For(timer.Id)))!;
        Assert.Equal(timer.DueAt, trigger.NextFireTimeUtc);
        return (timer.Id, timer.DueAt!.Value);
    }

    /// <summary>A calendar delay from the start: within a day of the expected date (the engine's clock read a moment later).</summary>
    private static void AssertDue(DateTimeOffset actual, DateTimeOffset expected) =>
        Assert.True(actual >= expected && actual < expected.AddDays(1), $"due {actual:O}, expected about {expected:O}");

    private static JsonElement Input(string household, string grade) =>
        JsonSerializer.SerializeToElement(new { householdId = household, grade });

    /// <summary>
    /// start → cycle (fork) → [wait (delay by grade) → visit] | [changed (signal) → apply] → merge (any,
    /// cancels the other path) → listed? → cycle again, or end when the household left the list.
    /// </summary>
    private static WorkflowDefinition HouseholdVisits() => new()
    {
        Key = "household-visits",
        Name = "困难家庭走访",
        Version = 1,
        Variables =
        [
            new VariableDefinition { Name = "householdId" },
            new VariableDefinition { Name = "grade" },
            new VariableDefinition { Name = "visits", Default = JsonSerializer.SerializeToElement(0) },
            new VariableDefinition { Name = "change" },
            new VariableDefinition { Name = "status", Default = JsonSerializer.SerializeToElement("listed") },
        ],
        Activities =
        [
            TimerWorkflows.Activity("start", "Start"),
            TimerWorkflows.Activity("cycle", "Fork"),
            TimerWorkflows.Activity("wait", "Delay", new { duration = new { js = "vars.grade === 'A' ? 'P1M' : (vars.grade === 'B' ? 'P3M' : 'P6M')" } }),
            TimerWorkflows.Activity("visit", "Script", new { script = "vars.visits = vars.visits + 1;" }),
            TimerWorkflows.Activity("changed", "WaitSignal", new { signal = "household-changed", correlation = new { js = "vars.householdId" }, resultVariable = "change" }),
            TimerWorkflows.Activity("apply", "Script", new { script = "if (vars.change.grade) { vars.grade = vars.change.grade; }\nif (vars.change.exit) { vars.status = 'exited'; }" }),
            TimerWorkflows.Activity("merge", "Join", new { mode = "any", cancelRemaining = true }),
            TimerWorkflows.Activity("listed", "Decision", new { condition = "vars.status !== 'exited'" }),
            TimerWorkflows.Activity("end", "End"),
        ],
        Connections =
        [
            new ConnectionDefinition { From = "start", To = "cycle", Port = Ports.Done },
            new ConnectionDefinition { From = "cycle", To = "wait", Port = Ports.Done },
            new ConnectionDefinition { From = "cycle", To = "changed", Port = Ports.Done },
            new ConnectionDefinition { From = "wait", To = "visit", Port = Ports.Done },
            new ConnectionDefinition { From = "visit", To = "merge", Port = Ports.Done },
            new ConnectionDefinition { From = "changed", To = "apply", Port = Ports.Done },
            new ConnectionDefinition { From = "apply", To = "merge", Port = Ports.Done },
            new ConnectionDefinition { From = "merge", To = "listed", Port = Ports.Done },
            new ConnectionDefinition { From = "listed", To = "cycle", Port = Ports.True },
            new ConnectionDefinition { From = "listed", To = "end", Port = Ports.False },
        ],
    };
}
